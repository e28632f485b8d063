"""`build.py draft ARTICLE` and `check --coverage`: the moves a press article reports, proposed as event files.

An article is read sentence by sentence, by rules the same in both languages (`text` tokens and sentences,
`words` the words of moving, hedging and counting): who and where (`names`, resolved against the profiles),
what happened (`moves` triggers and groups, `stints` the posts set beside names, `frames` each trigger with
its movers and labs, `context` what the sentences before said, `read` a sentence's moves), how sure
(`status`) and when (`dates`); `extract` puts an article's moves together, `out` turns them into event files
and JSON, `cmd` is the command and `check` the coverage notices. spaCy's French pipeline, an optional extra,
only confirms parts of speech: without it the proposals are the same.
"""
