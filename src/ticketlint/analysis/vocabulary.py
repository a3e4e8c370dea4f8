"""The shared vocabulary of replies: greetings, fillers, answers, sign-offs, imperatives, refusals.

Several reply rules need to know what a greeting or a sign-off is (TL301
blanks them, TL302 skips them before a question, TL303 skips a closing formula
when it picks the last sentence). Each language says it once, in
`rules/<lang>/vocabulary.toml`; a rule-specific list (TL303's `actions`,
TL302's `question_starts`) stays in the rule's own pack.

Lists are read through the pack API (`packs.phrases("vocabulary", ...)`): the
schema below is declared when this module is imported, so a misspelt key in a
vocabulary file is an error naming the file and the key.
"""

from __future__ import annotations

from typing import Literal

from .. import packs
from ..patterns import Phrases

SCHEMA = packs.PackSchema(
    keys={
        "greetings": packs.Key("patterns", "greetings opening a message, with an honorific or group after them", required=True),
        "fillers": packs.Key("patterns", "thanks, apologies, pleasantries and standing honorifics: no content", required=True),
        "answers": packs.Key("patterns", "bare answers: yes, no and their variants", required=True),
        "signoffs": packs.Key("patterns", "closing formulas ('Kind regards', 'Cheers')", required=True),
        "imperatives": packs.Key("patterns", "verbs of an instruction to the customer, at the start of a clause", required=True),
        "instruction_leads": packs.Key("patterns", "words before the verb of an instruction ('please', 'then'): TL304 reads an instruction "
                                       "after a refusal as the alternative"),
        "instruction_exceptions": packs.Key("patterns", "what opens like an instruction and offers nothing instead: the request withdrawn "
                                            "('close this'), a discourse marker ('simply put')"),
        "refusals": packs.Key("patterns", "a refusal of what the customer asked", required=True),
        "refusal_exceptions": packs.Key("patterns", "phrases that look like refusals and are not ('we can't reproduce it')"),
        "alternatives": packs.Key("patterns", "an alternative offered after a refusal", required=True),
        "pointers": packs.Key("patterns", "a pointer to someone or somewhere else that can help"),
        "answer_refusals": packs.Key("patterns", "a bare answer that refuses when the customer asked for something: a no, a no by time ('No.', 'Not yet.', 'Not at the moment')"),
        "requests": packs.Key("patterns", "a customer asking for something: a feature, a version, an ability, a plan ('is there a Mac version', 'can I', 'please add')"),
        "done_reports": packs.Key(
            "patterns", "the requested work reported done: a perfective verb of doing, first person or passive, or a state restored "
            "('I've merged the fix', 'your account has been deleted', 'it works again'); not future, not handed on"),
        "done_openings": packs.Key("patterns", "a participle of work done opening a clause ('Fixed it.', 'Okay, unprotected it.', 'Sudah.')"),
        "pending": packs.Key("patterns", "work still to come or handed on, a deferral ('we'll look into it', 'forwarded', 'not yet', 'soon')"),
        "acknowledgements": packs.Key(
            "patterns", "the opening of a clause that thanks, acknowledges or sympathises ('thanks for the bug report', 'sorry to hear', "
            "'good point'): the clause answers nothing"),
        "negations": packs.Key("patterns", "a denial or a regret ('not', 'never', 'unfortunately'): no answer that settles the question"),
        "hedges": packs.Key("patterns", "a doubt or a guess ('I don't think so', 'I assume', 'probably'): no settled answer, no report of work done"),
        "conditions": packs.Key("patterns", "a condition or a time to come before a report of work done ('if', 'once', 'when')"),
        "contrasts": packs.Key("patterns", "a contrast after a report of work done; a negation after it takes the report back ('but')"),
    },
    examples=False,
)
packs.declare("vocabulary", SCHEMA)

Word = Literal["greetings", "fillers", "answers", "signoffs", "imperatives", "instruction_leads", "instruction_exceptions", "refusals", "refusal_exceptions", "alternatives", "pointers",
               "answer_refusals", "requests",
               "done_reports", "done_openings", "pending", "negations", "acknowledgements",
               "hedges", "conditions", "contrasts"]


def phrases(key: Word, lang: str | None = None, *, fold: bool = True, word_bounded: bool = True) -> Phrases | None:
    """List `key` of the vocabulary of `lang` (every language when None: short replies are too
    short to detect, and stock phrases travel between languages), as one cached regex.

    `fold`: matched against text folded by `analysis.text.fold` (lower case, no diacritics).
    """
    return packs.phrases("vocabulary", key, lang, fold=fold, word_bounded=word_bounded)
