"""Translate the templates' fixed words once, when a template is compiled, instead of on every page.

`{{ _("People") }}` asks the catalogue at every render: with tens of thousands of pages and some sixty
such calls per page, that was a fifth of the rendering time. In an environment of one language the answer
never changes, so this Jinja extension rewrites, in the token stream, a call `_("literal")` without
variables into the translated literal, as Markup where the template autoescapes (`"Personnes"|safe`, what
Jinja's newstyle gettext returns). Calls with variables, `ngettext` and `{% trans %}` blocks are left to
the i18n extension; so is a message whose translation holds a `%` (newstyle gettext formats it).

The templates' source is unchanged, so `pybabel extract` still finds every message.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream


class Pretranslate(Extension):
    """Needs `environment.pretranslations`, the environment's catalogue (set before any template loads)."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        catalogue: gettext.NullTranslations | None = getattr(self.environment, "pretranslations", None)
        tokens = list(stream)
        if catalogue is None:
            yield from tokens
            return
        autoescape = self.environment.autoescape
        escaping = autoescape(stream.name) if callable(autoescape) else bool(autoescape)
        i = 0
        while i < len(tokens):
            window = tokens[i:i + 4]
            if (len(window) == 4 and window[0].test("name:_") and window[1].type == "lparen"
                    and window[2].type == "string" and window[3].type == "rparen"
                    and (i == 0 or tokens[i - 1].type != "dot")):
                text = catalogue.gettext(window[2].value)
                if "%" not in text:
                    line = window[0].lineno
                    yield Token(line, "lparen", "(")
                    yield Token(line, "string", text)
                    if escaping:
                        yield Token(line, "pipe", "|")
                        yield Token(line, "name", "safe")
                    yield Token(line, "rparen", ")")
                    i += 4
                    continue
            yield tokens[i]
            i += 1
