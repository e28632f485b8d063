"""How long a test waits for something before it calls it broken: one generous bound for the whole suite.

Every wait in a test ends on the event it waits for (a page's text, a process's line, an item in a queue);
this bound only turns a wait that would never end into a failure instead of a hung run. It is far above what
anything it bounds takes on a loaded machine (a second or two), so that no outcome depends on speed or load,
and no test asserts that something happened within a time.
"""

HANG_GUARD_S = 60
HANG_GUARD_MS = HANG_GUARD_S * 1000  # Playwright counts in milliseconds
