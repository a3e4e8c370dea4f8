"""TL601 credential-in-ticket: passwords, PINs, API keys and tokens written into a ticket.

Two kinds of evidence, both read from the whole body (a secret pasted in a log
or quoted in a reply is still in the ticket, so the prose view is not used):

* a label and its value: "password: Hunter2", "my PIN is 4821", "contraseña:
  ...", "kata sandi saya ...", "parola este ...", "api_key=...". Labels, the
  linking words between label and value ("is", "es", "adalah", "este") and the
  ordinary words that follow a label without being a secret ("password: reset",
  "the password is incorrect", "PIN is 4 digits") are in the language packs;
  all four languages' lists are used together. After ':' or '=' any value that
  is not masked, a placeholder or an ordinary word is taken; after a linking
  word ("my password is ...") the value must look like a secret (digits and
  letters, a symbol, inner capitals, or quoted);
  a few words may name which secret it is between the label and ':' or a
  linking verb ("PIN supervisor toko: ...", "el PIN de desbloqueo es ...",
  "the password for the guest network is ..."; at most 5 words, no digits, not
  after a label that is also an ordinary word such as "pass"); the packs'
  `not_qualifiers` are words that make it something else ("pin priority:",
  "password policy:", "PIN salah:"), and `qualifier_links` the linking verbs
  allowed there ("is", "es", "adalah", "este"; not "to" or "de");
* a well-known key format, with no label needed: Stripe secret keys
  (`sk_live_`, `rk_live_`; publishable `pk_` keys are public by design and are
  not flagged), AWS access key ids, GitHub, GitLab, Slack and Google keys,
  JSON Web Tokens, `Bearer` tokens, private key blocks, passwords in URLs.

Terminal colour codes pasted with a label or a key ("\x1b[1mpassword: ...")
are read as blanks. A finding never shows the secret: `Hit.redacted` keeps at most a 4-character
prefix (none for values under 6 characters) and stars, and the message names
only the kind of secret. The masked form has the secret's length (a private key
block shows its header line only).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from re import _parser  # type: ignore[attr-defined]

from ... import packs, recache
from ...analysis.text import without_ansi
from ...model import ALL_ROLES, LANGUAGES, Hit, RuleMeta, Severity, Span
from ...packs import Key, PackSchema
from ...patterns import Assembly, Phrases, compile_patterns, literal_requirements, required_literals
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext

CODE = "TL601"
SCHEMA = PackSchema(keys={
    "anchors": Key("patterns", "head words one of which every label holds: the labels are only tried around them", required=True),
    "password_labels": Key("patterns", "words that name a password ('password', 'contraseña', 'kata sandi', 'parola')"),
    "pin_labels": Key("patterns", "words that name a PIN (the value must be 4 to 8 digits)"),
    "secret_labels": Key("patterns", "words that name an API key or token"),
    "links": Key("patterns", "linking words between a label and its value ('is', 'es', 'adalah', 'este')"),
    "qualifier_links": Key("patterns", "linking verbs allowed after words naming which secret ('the password for X is')"),
    "not_values": Key("patterns", "ordinary words after a label that are not a secret ('reset', 'incorrect')"),
    "units": Key("patterns", "units after a number that make it a length, not a PIN ('digits', 'characters')"),
    "not_qualifiers": Key("patterns", "words after a label that make it something else ('policy', 'priority')"),
    "shorthand": Key("patterns", "ordinary words written with a digit in the language's informal spelling ('tiba2' for "
                     "'tiba-tiba', '2kali' for 'dua kali'): not a secret after a label with no ':' or '='"),
})

# Key formats: (description, pattern, group holding the secret).
_FORMATS: tuple[tuple[str, re.Pattern[str], int], ...] = tuple(
    (desc, recache.compile(pattern), group)
    for desc, pattern, group in (
        ("a private key", r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,10000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?", 0),
        ("a bearer token", r"(?<![\w-])[Bb]earer[ \t]+([A-Za-z0-9\-._~+/]{20,}=*)(?![\w\-.~+/=])", 1),
        ("a JSON Web Token", r"(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", 0),
        ("a Stripe secret key", r"(?<![\w-])(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}", 0),
        ("an AWS access key", r"(?<![\w-])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}(?![0-9A-Za-z])", 0),
        ("a GitHub token", r"(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})", 0),
        ("a GitLab token", r"(?<![\w-])glpat-[0-9A-Za-z_\-]{20,}", 0),
        ("a Slack token", r"(?<![\w-])xox[abposre]-[0-9A-Za-z]{6,}(?:-[0-9A-Za-z]+)+", 0),
        ("a Slack webhook", r"https://hooks\.slack\.com/services/(T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,})", 1),
        ("a Google API key", r"(?<![\w-])AIza[0-9A-Za-z_\-]{35}(?![\w-])", 0),
        ("an API secret key", r"(?<![\w-])sk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_\-]{32,}", 0),
        ("a password in a URL", r"\b[a-z][a-z0-9+.\-]{1,15}://[^\s:/@]{1,64}:([^\s@/]{1,128})@[\w.\-]", 1),
    )
)
# What each kind of secret is called in a finding: its key in rules/<lang>/TL601.toml, [messages]
_KIND = {
    "a private key": "private_key", "a bearer token": "bearer_token", "a JSON Web Token": "jwt",
    "a Stripe secret key": "stripe_key", "an AWS access key": "aws_key", "a GitHub token": "github_token",
    "a GitLab token": "gitlab_token", "a Slack token": "slack_token", "a Slack webhook": "slack_webhook",
    "a Google API key": "google_key", "an API secret key": "api_secret_key", "a password in a URL": "url_password",
    "a PIN": "pin", "an API key or token": "api_key", "a password": "password",
}
# A private key block is matched in two steps (same matches as _FORMATS[0]): its header, then the first
# END line at most 10000 characters after it, looked up among END lines found once per message. The
# single regex rescanned up to 10000 characters after every header: 10000 x (headers) steps, minutes
# on a pasted run of headers.
_KEY_HEADER = recache.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
_KEY_END = recache.compile(r"(?=(-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----))")  # overlapping ones too
_KEY_SPAN = 10000


def _private_keys(body: str) -> Iterator[tuple[int, int]]:
    """Spans of `_FORMATS[0]`'s matches, in linear time."""
    ends: list[tuple[int, int]] | None = None
    pos = 0
    while (m := _KEY_HEADER.search(body, pos)) is not None:
        if ends is None:
            ends = [(e.start(), e.end(1)) for e in _KEY_END.finditer(body)]
            starts = [s for s, _ in ends]
        end = m.end()
        i = bisect.bisect_left(starts, end)
        if i < len(ends) and ends[i][0] - end <= _KEY_SPAN:
            end = ends[i][1]
        yield m.start(), end
        pos = end


# Substrings one of which each format needs: a cheap test before running its regex.
_HINTS: tuple[tuple[str, ...], ...] = (
    ("PRIVATE KEY",), ("earer",), ("eyJ",), ("_live_", "_test_"),
    ("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"),
    ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), ("glpat-",), ("xox",), ("hooks.slack.com",),
    ("AIza",), ("sk-",), ("://",),
)
assert len(_HINTS) == len(_FORMATS)
# Any hint at all: one scan that lets most messages skip the twelve formats.
_ANY_HINT = recache.compile("|".join(re.escape(h) for hints in _HINTS for h in hints))
# A value that is no secret: a mask, a placeholder, a variable or file reference, a YAML tag that names where the
# secret is kept ("password: !secret eon_password" in Home Assistant, Ansible's "!vault", CloudFormation's "!Ref";
# issue 13, esro5), a label word.
_MASKED = recache.compile(
    r"""^(?:[*•●·xX#?.\-_~]+|[<\[{($%].*|.*[-_](?:here|goes\w*)|[~.]?/.*|\w+://.*|[a-z][\w-]*\.[a-z]{1,4}|.*[(\[{].*|(?:os\.|process\.env|env\.|getenv|config\.|settings\.|self\.).*|.*(?:\*{3}|•{3}|x{4}|X{4}|\.\.\.|…).*|<[^>]*>?|\[[^\]]*\]?|\{[^}]*\}?|\(.*|\$\{?\w+\}?|%\w+%|\$\w+
        |!(?:secret|env_var|include\w*|input|vault|ref|sub|getatt|importvalue)
        |(?:your|enter|insert|example|sample|dummy|placeholder|redacted|hidden|removed|masked|secret|password|passwd|pass|token|key)
         (?:[-_ ]?(?:new|own|real|actual|password|pass|pwd|key|api[-_]?key|token|secret|here|value|id))*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_CLAUSE_END = recache.compile(r"[ \t]*(?:$|\n|[,;)\]]|[.!?](?:\s|$)| (?:and|y|dan|și|si|or|o|atau|sau) )")
_FOLLOWING = recache.compile(r"[\s\-]*(\S+(?: \S+)?)")
_STRONG_SEP = recache.compile(r"\s*[:=]")
_QUOTES = "\"'“”‘’«»`"
_NO_BARE = recache.compile(r"(?:^|\W)(?:pass|pw|pwd|pat|secret|token|pin)$", re.IGNORECASE)
# Also the name of a Unix command and file: only "passwd: x" / "passwd=x" is a value.
_STRONG_ONLY = recache.compile(r"(?:^|\W)(?:passwd|pwd)$", re.IGNORECASE)
# Labels that are also ordinary words ("pass a directory to ..."): never followed by qualifiers.
_NO_QUAL = recache.compile(r"(?:^|\W)(?:pass|pw|pwd|pat|secret|token)$", re.IGNORECASE)
# A numbered step glued to its first word ("4.pencet lupa sandi 5.kalian hanya ..."): a list, not a value.
_STEP = recache.compile(r"\d{1,2}[.)][^\W\d_]+")
MIN_PASSWORD = 4
MAX_QUALIFIERS = 5
MAX_QUALIFIER_CHARS = 40


@functools.cache
def _items(key: str) -> tuple[str, ...]:
    out: list[str] = []
    for lang in LANGUAGES:
        out += packs.words(CODE, lang, key)
    return tuple(out)


def _alt(key: str) -> str:
    return "|".join(f"(?:{p})" for p in sorted(_items(key), key=len, reverse=True)).replace("'", "['\u2019]")


def _routed(assembly: Assembly, *keys: str) -> str:
    """The same alternation as `_alt` of the keys one after the other, grouped by first character
    (`patterns.dispatched`): at a position only the items that can start there are tried, in their order,
    so it matches what the flat list matched. The flat not-values list (hundreds of words, four languages)
    was tried after every label and linking word: ~0.5 ms per "my pin is" (a minute per MB of them).
    Written with a hole for each item (`patterns.Assembly`): a first run parses each item once."""
    parts = [p.replace("'", "['\u2019]") for key in keys for p in sorted(_items(key), key=len, reverse=True)]
    return assembly.routed(parts)


@functools.cache
def _label_re(extra: tuple[str, ...]) -> re.Pattern[str]:
    asm = Assembly(re.IGNORECASE)
    pw = _routed(asm, "password_labels") + "".join(f"|(?:{p})" for p in extra)
    links = _routed(asm, "links")
    pin, sec, quals, not_values = (_routed(asm, *keys) for keys in (("pin_labels",), ("secret_labels",), ("qualifier_links",),
                                                                    ("not_values", "links")))
    return asm.compile(
        rf"(?<![\w\-])(?:(?P<pw>{pw})|(?P<pin>{pin})|(?P<sec>{sec}))(?![\w])"
        # Up to MAX_QUALIFIERS words naming whose or which secret ("PIN supervisor toko:", "the password for the
        # admin account is ...", "la clave de la red de invitados es ..."), only before ':' / '=' or a linking word.
        rf"(?P<qual>(?:[ \t]+(?!(?:{quals})(?![\w\-]))[^\W\d_](?:[^\W\d_]|[\-'’])*){{1,{MAX_QUALIFIERS}}}"
        rf"(?=[ \t]*[:=]|[ \t]+(?:{quals})(?![\w\-])))?"
        rf"(?P<sep>[ \t]*[\"']?[ \t]*[:=]+[ \t]*|[ \t]*[:=]?[ \t]+(?:{links})[ \t]*[:=]?[ \t]*|[ \t]+(?!\S*[:=](?:\s|$)))"
        # The value's first character must fit (a digit after a PIN label): a necessary condition, tested
        # before the costly not-values lookahead (most label-like text fails here).
        rf"(?=(?(pin)\d|\S))"
        rf"(?!(?:{not_values})(?![\w\-]))"
        rf"(?P<value>(?(pin)\d{{4,8}}(?![\w])|(?:[{_QUOTES}][^\s{_QUOTES}]{{3,64}}[{_QUOTES}]|[^\s{_QUOTES}]+)))"
    )


# The label regex (a long alternation, slow to try at every offset) only runs in a window around the
# head words of the labels: the packs' `anchors` (a label starts at most WINDOW characters before its
# head word; tests/cases and a test check that every built-in label holds one), plus, for the option
# `extend-labels`, strings worked out from the user's labels themselves (before 0.3 the head words
# were a hard-coded list, and a label of `extend-labels` without one of them was never tried).
WINDOW = 48


@functools.cache
def _anchors(extra: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The anchor regex over lower-cased text, and the same over text of any case (a body whose
    length changes when lower-cased)."""
    parts = list(_items("anchors"))
    for p in extra:
        try:
            found = required_literals(_parser.parse(p, re.IGNORECASE).data)
        except (re.error, TypeError, ValueError):
            found = None
        if found and min(map(len, found)) >= 2:
            parts += [re.escape(x) for x in sorted(found)]
        else:
            parts.append(f"(?i:{p})")  # no literal to look for: the label itself is its anchor
    alt = "|".join(parts) or r"(?!x)x"
    return recache.compile(f"(?:{alt})"), recache.compile(f"(?:{alt})", re.IGNORECASE)


def uncovered_labels() -> list[str]:
    """Built-in labels holding no anchor (a test keeps this empty: such a label would never be tried)."""
    anchor, _ = _anchors(())
    out = []
    for key in ("password_labels", "pin_labels", "secret_labels"):
        for p in _items(key):
            sets = literal_requirements(_parser.parse(p, re.IGNORECASE).data, distribute=True)
            if not any(all(anchor.search(lit) for lit in lits) for lits in sets):
                out.append(p)
    return out


_WORD_START = recache.compile(r"(?<![\w\-])\w")


def _label_matches(labels: re.Pattern[str], body: str, extra: tuple[str, ...] = ()) -> Iterator[re.Match[str]]:
    """Label matches, trying the label regex only at word starts shortly before a head word."""
    done = 0
    lower = body.lower()
    anchor, anchor_i = _anchors(extra)
    anchors = anchor.finditer(lower) if len(lower) == len(body) else anchor_i.finditer(body)
    for a in anchors:
        if a.start() < done:
            continue
        stop = min(len(body), a.end() + 400)
        for w in _WORD_START.finditer(body, max(done, a.start() - WINDOW), a.start() + 1):
            if w.start() < done:
                continue
            m = labels.match(body, w.start(), stop)
            if m is not None:
                yield m
                done = m.end()
        done = max(done, a.start() + 1)


@functools.cache
def _word_list(key: str) -> Phrases | None:
    return compile_patterns(_items(key), word_bounded=False)


@functools.cache
def _bounded_list(key: str) -> Phrases | None:
    return compile_patterns(_items(key), word_bounded=True)


@functools.cache
def _shorthand(lang: str) -> Phrases | None:
    """The informal digit spellings of one language (the pack's `shorthand`): they are that language's words."""
    return compile_patterns(packs.words(CODE, lang, "shorthand"), word_bounded=False) if lang in LANGUAGES else None


def redact(secret: str) -> str:
    """A masked form of the same length (offsets on the shown line stay right): at most a
    4-character prefix (none under 6 characters or for PINs), then stars."""
    keep = 0 if len(secret) < 6 or secret.isdigit() else min(4, len(secret) // 4)
    return secret[:keep] + "*" * (len(secret) - keep)


def _strip_value(value: str) -> tuple[str, int, bool]:
    """The value without quotes and trailing punctuation; offset of its start; whether it was quoted."""
    if len(value) >= 2 and value[0] in _QUOTES and value[-1] in _QUOTES:
        return value[1:-1], 1, True
    lead = 0
    while lead < len(value) and value[lead] in _QUOTES:
        lead += 1
    v = value[lead:].rstrip(".,;:)]}?" + _QUOTES)
    return v, lead, False


def _looks_secret(v: str, quoted: bool) -> bool:
    """Shape of a password written in prose: not one ordinary word."""
    has_digit = any(c.isdigit() for c in v)
    has_alpha = any(c.isalpha() for c in v)
    if quoted and len(v) >= 3:
        return True
    if has_digit and has_alpha:
        return True
    if v.isdigit():
        return len(v) >= 4
    # A symbol inside the value; not a run of '!' or '?' closing it ("sandinya doang!!!" is a word shouted).
    inner = v.rstrip("!?")
    if any(not c.isalnum() and c not in "-'’./" for c in inner[:-1]) and (has_alpha or has_digit):
        return True
    return any(c.isupper() for c in v[1:]) and any(c.islower() for c in v)  # camelCase, CasaPerez


class _Secrets:
    """The secrets taken in one body, none inside another.

    Characters already inside a taken secret are marked (allocated at the first one). Testing each new
    secret against every earlier one was quadratic in the number of secrets; the spans tested here come
    from non-overlapping matches of each format and of the labels, so marking and testing stays linear.
    """

    __slots__ = ("body", "allow", "taken", "found")

    def __init__(self, body: str, allow: Phrases | None) -> None:
        self.body = body
        self.allow = allow
        self.taken = bytearray()
        self.found: list[tuple[int, int, str]] = []

    def add(self, start: int, end: int, what: str) -> None:
        if end <= start:
            return
        if not self.taken:
            self.taken = bytearray(len(self.body))
        elif self.taken.find(1, start, end) != -1:
            return
        if self.allow is not None and self.allow.fullmatch(self.body[start:end]):
            return
        self.taken[start:end] = b"\x01" * (end - start)
        self.found.append((start, end, what))


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    allow: tuple[str, ...] = option((), "values (regular expressions) that are never secrets, e.g. documented test keys", regex=True)
    extend_labels: tuple[str, ...] = option(
        (), "extra words (regular expressions) that name a password, e.g. an internal system's name", regex=True)


class CredentialInTicket(BaseRule[Options]):
    meta = RuleMeta(
        code=CODE,
        name="credential-in-ticket",
        summary="Flags passwords, PINs, API keys and tokens written into a ticket; the finding masks the secret.",
        scope=ALL_ROLES,
        severity=Severity.ERROR,
        groups=("privacy",),
        finds_secrets=True,
        rationale=(
            "A ticket is read by many people, copied into escalations and exports, and kept for years; "
            "customers can even ask for a printed copy of every ticket about them. A password, PIN or API key "
            "written into it must be treated as exposed: it has to be removed and changed. Asking for or "
            "repeating credentials in a ticket also teaches customers to send them by email."
        ),
        seed="",
        suggestion=(
            "Remove the secret from the ticket and have its owner change or revoke it now (treat it as exposed); "
            "never ask for passwords or PINs: use a reset link or a secure channel."
        ),
        options=Options,
        pack=SCHEMA.saying(*_KIND.values(), written=("secret",)),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        allow = compile_patterns(ctx.options.allow, word_bounded=False)
        extra = tuple(ctx.options.extend_labels)
        labels = _label_re(extra)
        for msg in ctx.in_scope(self):
            body = without_ansi(msg.body)  # a label or key pasted in colour starts a word
            secrets = _Secrets(body, allow)
            add = secrets.add
            for (desc, pattern, group), hints in zip(_FORMATS, _HINTS) if _ANY_HINT.search(body) else ():
                if not any(h in body for h in hints):
                    continue
                if pattern is _FORMATS[0][1]:
                    for start, end in _private_keys(body):
                        add(start, end, desc)
                    continue
                for m in pattern.finditer(body):
                    if group and _MASKED.match(m.group(group)):
                        continue
                    add(m.start(group), m.end(group), desc)
            for m in _label_matches(labels, body, extra):
                what = self._labelled(body, m, msg.language)
                if what is not None:
                    start, end, desc = what
                    add(start, end, desc)
            secrets.found.sort()
            for start, end, desc in secrets.found:
                secret = body[start:end]
                if desc == "a private key":
                    header = secret.split("-----")[1] if secret.count("-----") >= 2 else "PRIVATE KEY"
                    shown = f"-----{header}----- ****"
                else:
                    shown = redact(secret)
                said = ctx.say(msg, "written", secret=ctx.say(msg, _KIND[desc]))
                yield Hit(msg.index, Span(start, end), said, ctx.say(msg, "suggestion"), redacted=shown)

    @staticmethod
    def _labelled(body: str, m: re.Match[str], lang: str = "en") -> tuple[int, int, str] | None:
        raw = m.group("value")
        value, lead, quoted = _strip_value(raw)
        if not value or _MASKED.match(value):
            return None
        start = m.start("value") + lead
        end = start + len(value)
        sep = m.group("sep")
        strong = bool(_STRONG_SEP.match(sep))
        bare = not sep.strip()
        qual = m.group("qual")
        label = body[m.start(): m.start("qual") if qual else m.start("sep")]
        not_values = _word_list("not_values")
        if not_values is not None and not_values.fullmatch(value):
            return None
        if not strong:
            # Without ':' or '=' the value is only a word that follows the label: a word of the message's
            # language in its informal digit spelling ("ganti password berkali2"), or the next numbered
            # step of a list ("lupa sandi 5.kalian"), is prose, not a secret.
            short = _shorthand(lang)
            if (short is not None and short.fullmatch(value.rstrip("!?"))) or _STEP.fullmatch(value):
                return None
        if qual:
            # Words between the label and ':' or "is": they say which secret it is; some say it is something else
            # ("PIN priority: 1001", "password policy: ...", "kata sandi salah: ...").
            if bare or len(qual) > MAX_QUALIFIER_CHARS or _NO_QUAL.search(label):
                return None
            not_qual = _bounded_list("not_qualifiers")
            if not_qual is not None and not_qual.search(qual):
                return None
            if not strong and not _looks_secret(value, quoted) and m.group("pin") is None:
                return None
        units = _word_list("units")
        # What follows the value is matched in place (pos=end): a slice body[end:] per label was quadratic.
        if units is not None and any(c.isdigit() for c in value[:1]):
            following = _FOLLOWING.match(body, end)
            if following and (units.match(following.group(1)) or units.match(following.group(1).split(" ")[0])):
                return None
        if bare and _NO_BARE.search(label):
            return None
        if not strong and _STRONG_ONLY.search(label):
            return None
        if m.group("pin") is not None:
            if not re.fullmatch(r"\d{4,8}", value):
                return None
            return start, end, "a PIN"
        if m.group("sec") is not None:
            if bare or len(value) < 8:
                return None
            has_digit = any(c.isdigit() for c in value)
            has_alpha = any(c.isalpha() for c in value)
            generic = re.search(r"(?:^|\W)(?:secret|token|pat)$", label.strip(), re.IGNORECASE) is not None
            if not (has_digit and has_alpha) or (generic and len(value) < 12):
                return None
            if not re.fullmatch(r"[\w\-+/=.~:]+", value):
                return None
            return start, end, "an API key or token"
        # A password.
        if len(value) < MIN_PASSWORD:
            return None
        if strong:
            if _looks_secret(value, quoted):
                return start, end, "a password"
            # One ordinary-looking word after "password:" is taken when it ends the clause.
            if value.isalpha() and len(value) >= 4 and _CLAUSE_END.match(body, end):
                return start, end, "a password"
            return None
        if _looks_secret(value, quoted):
            return start, end, "a password"
        return None
