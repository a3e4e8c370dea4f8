"""The analysis layer: what several rules need to know about a message or a thread, computed once.

Between the analysed `Document` (messages, roles, languages, prose) and the
rules. No rule imports another rule: a rule reads what it shares with others
from here, as typed cached methods of `AnalysedMessage` / `Document` that
delegate to one module per concern:

- `text`: folding, sentences, words, list items, links, quoting
- `failure`: the failure statement and the evidence of a ticket (TL101, TL102, TL104)
- `handoff`: hand-off notes, steps tried, mentions (TL103, TL105)
- `jargon`: the jargon lexicon and acronym scrubbing (TL201, TL202)
- `questions`: a customer's questions (TL302)
- `thread`: which customer message a reply answers (TL301-TL304, TL404)
- `vocabulary`: greetings, sign-offs, imperatives, answers per language
"""
