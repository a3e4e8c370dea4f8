"""Run the selected rules over a ticket and turn their hits into findings.

The engine owns everything rules should not care about: which rules run
(selection from profile, config and command line), their severity, their
options (validated against each rule's declared `OptionSpec`s), positions,
excerpts, sorting and inline suppressions.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .analysis.jargon import vocabulary as jargon_vocabulary
from .checks.base import Rule, RuleContext
from .config import Config, ConfigError, resolve_selection
from .document import Document
from .frozen import fast_init
from .model import Finding, Hit, Message, Role, RuleFailure, Said, SaidError, Severity, Size, Span, Ticket, said
from .options import check_value
from .overlap import Overlaps
from .registry import Registry, SelectionError, default_registry
from .ruleoptions import RuleOptions
from .suppressions import ALL, UNKNOWN_CODE, Problem, Suppressions, blanked, mentions_directive
from .textutil import excerpt


class InputError(SaidError):
    """A ticket that cannot be linted (too large, no messages...): its text a catalogue text (`said`)."""


class RuleError(Exception):
    """Raised by `ticketlint.lint()` (strict, the default) when a rule failed on the ticket.

    `failures` holds every failure of the ticket (`model.RuleFailure`): the rule,
    the ticket and the exception, never the ticket's text.
    """

    def __init__(self, failures: tuple[RuleFailure, ...]) -> None:
        self.failures = failures
        first = failures[0]
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        what = f"{first.exception}: {first.detail}" if first.detail else first.exception
        super().__init__(f"rule {first.code} failed on ticket {first.ticket_id!r}: {what}{more}")


# An exception's message is shown cut to this many characters: it names the fault, it is not a dump.
MAX_DETAIL_CHARS = 200


def rule_failure(code: str, ticket: Ticket, exc: BaseException, secrets: Iterable[str] = (), *,
                 known: bool = True, note: str = "") -> RuleFailure:
    """The failure of rule `code` on `ticket`, its message with every secret text masked.

    `known=False`: the secrets of the ticket are not known (a secret finder failed),
    so the exception's message, which may quote the ticket, is left out.
    """
    detail = ""
    if known:
        detail = str(exc)
        for text in sorted(secrets, key=len, reverse=True):
            if text:
                detail = detail.replace(text, "*" * len(text))
        if len(detail) > MAX_DETAIL_CHARS:
            detail = detail[:MAX_DETAIL_CHARS - 3] + "..."
    return RuleFailure(code, ticket.id, type(exc).__name__, detail, ticket.source, ticket.line, note)


@fast_init
@dataclass(frozen=True, slots=True)
class Linted:
    """Everything linting one ticket gave.

    `shown` holds each message body as output may show it: every secret that
    a secret-finding rule found is masked, with the same offsets, so context
    lines and excerpts are cut from it. `skipped` lists the rules not run
    because the ticket's time budget ran out.
    """

    findings: tuple[Finding, ...]
    shown: tuple[str, ...]
    failures: tuple[RuleFailure, ...] = ()
    skipped: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # the language of each message, as detected (or given)
    # the agent messages that are side remarks between helpers of a chat, no reply to the customer (`Document.side_remarks`):
    # the audit counts them apart from the replies (audit.py)
    side_remarks: frozenset[int] = frozenset()


# The groups whose rules read a whole message however long it is; the others
# (clarity, completeness, tone: judgements of prose) read its first
# `prose-chars` characters. See docs/configuration.md, "Size and time".
WHOLE_MESSAGE_GROUPS = frozenset({"evidence", "privacy"})

# What the option probe lints: a short thread in every role and language, so that
# an option value a rule cannot use fails when the config loads, not per ticket.
_PROBE = (
    (Role.CUSTOMER, "The printer crashed with error 0x80070005 since the update; I didn't change anything. Why? When?"),
    (Role.AGENT, "Yes. Please restart the DNS cache, then reinstall the VPN client and check the logs. PEBKAC!"),
    (Role.NOTE, "Escalated to L2: customer says password: Hunter22! and card 4111 1111 1111 1111."),
    (Role.CUSTOMER, "La impresora no funciona desde ayer, no hice nada. ¿Por qué?"),
    (Role.AGENT, "Sí. Reinicie el router y vuelva a intentarlo."),
    (Role.CUSTOMER, "Aplikasi tidak bisa login, error terus. Kenapa?"),
    (Role.AGENT, "Ya. Silakan hapus cache lalu coba lagi."),
    (Role.CUSTOMER, "Imprimanta nu merge de ieri, nu am schimbat nimic. De ce?"),
    (Role.AGENT, "Da. Reporniți routerul și încercați din nou."),
)


# One rule as the engine runs it: the rule, its code, scope, options, severity, and whether it reads whole messages
_Step = tuple[Rule, str, frozenset[Role], RuleOptions, Severity, bool]


def _finding_order(f: Finding) -> tuple[int, int, str]:
    return (f.message_index, f.span.start, f.code)


class Linter:
    """Built once per process (or worker) from a Config; lints many tickets.

    `budget` is a time budget per ticket in seconds (None: none): once spent,
    the rules not yet run are skipped and listed in `Linted.skipped`, so a
    service can bound its latency on text nobody controls.
    """

    def __init__(self, config: Config | None = None, registry: Registry | None = None, strict: bool = False,
                 budget: float | None = None) -> None:
        self.config = config or Config()
        from . import packs

        if self.config.packs:  # before the registry: organisation packs add data rules (docs/packs.md)
            packs.activate([Path(p) for p in self.config.packs])
        self.registry = registry or default_registry()
        if self.config.packs:
            packs.check_org_packs()  # every organisation file validated before a ticket is read
        self.strict = strict
        self.vocabulary = jargon_vocabulary(self.config.vocabulary)  # one for every rule that reads terms
        # The language of findings' messages: each message's own, or the configured locale (--locale)
        self.locale: str | None = None if self.config.locale == "auto" else self.config.locale
        self.budget = budget if budget is not None else self.config.time_budget
        selection = resolve_selection(self.config, self.registry)  # the config layer's precedence
        self.rules: list[Rule] = [r for r in self.registry if r.meta.code in selection.codes]
        self.report_unknown, self.report_unused = selection.report_unknown, selection.report_unused
        self.severity: dict[str, Severity] = dict(selection.severity)
        try:
            self.options: dict[str, RuleOptions] = self._options()
        except ConfigError as exc:
            if self.config.source:  # rule options come from a file (or lint()'s table): name it
                raise ConfigError.of(exc, self.config.source) from None
            raise
        # What lint needs per rule, looked up once: it runs ~20 rules per
        # ticket over exports of millions. A rule below --min-severity is not run.
        self._plan: tuple[_Step, ...] = tuple(
            (r, r.meta.code, r.meta.scope, self.options[r.meta.code], self.severity[r.meta.code],
             not WHOLE_MESSAGE_GROUPS.isdisjoint(r.meta.groups))
            for r in self.rules
            if self.severity[r.meta.code] >= self.config.min_severity
        )
        self._plans: dict[frozenset[Role], tuple[tuple[_Step, ...], frozenset[str]]] = {}  # see _plan_for
        # Secret finders run on every ticket, selected or not: their hits are masked
        # before any other rule reads the text.
        self._secret_rules: tuple[tuple[Rule, frozenset[Role], RuleOptions], ...] = tuple(
            (r, r.meta.scope, self.options[r.meta.code]) for r in self.registry if r.meta.finds_secrets
        )
        # One finding per problem (overlap.py): None with report-overlaps = true
        self.overlaps: Overlaps | None = None if self.config.report_overlaps else Overlaps.build(
            {r.meta.code: r.meta.groups for r in self.registry})

    # -- configuration ---------------------------------------------------
    def _options(self) -> dict[str, RuleOptions]:
        given: dict[str, dict[str, Any]] = {}
        for key, values in self.config.rule_options.items():
            try:
                rule = self.registry.get(key)
            except SelectionError as exc:
                raise ConfigError.of(exc, f"rules.{key}") from None
            given.setdefault(rule.meta.code, {}).update(values)
        out: dict[str, RuleOptions] = {}
        for rule in self.registry:
            values = given.get(rule.meta.code, {})
            # a rule given no option is built with its defaults: its specs (read from its class's type hints)
            # are not needed at each start
            specs = {o.name: o for o in rule.meta.option_specs} if values else {}
            checked: dict[str, Any] = {}
            for name, value in values.items():
                spec = specs.get(name)
                if spec is None:
                    known: Said | str = ", ".join(sorted(specs)) or said("word.none")
                    raise ConfigError(said("select.option", code=rule.meta.code, known=known).within(
                        f"rules.{rule.meta.name}.{name}"))
                checked[name] = check_value(spec, value, f"rules.{rule.meta.code}.{name}")
            out[rule.meta.code] = rule.meta.options_type.build(checked)
        if given:
            self._probe(out, set(given))
        return out

    def _probe(self, options: Mapping[str, RuleOptions], codes: set[str]) -> None:
        """Run each rule with configured options once on a small thread: an option value it
        cannot use (a regex that only fails when combined, a table of the wrong shape) is a
        configuration error naming the rule, not a failure on every ticket of a batch."""
        ticket = Ticket(id="option-probe", messages=tuple(Message(role=r, body=b) for r, b in _PROBE))
        doc = Document(ticket)
        for rule in self.registry:
            code = rule.meta.code
            if code not in codes:
                continue
            try:
                list(rule.check(RuleContext(doc, options[code], code=code)))
            except Exception as exc:  # noqa: BLE001 - any failure here is the options' fault
                raise ConfigError(said("config.options_fail", what=f"{type(exc).__name__}: {exc}").within(f"rules.{code}")) \
                    from None

    # -- linting ---------------------------------------------------------
    def validate(self, ticket: Ticket) -> None:
        if not ticket.messages:
            raise InputError(said("read.no_messages"))
        limit = self.config.max_message_chars
        for i, msg in enumerate(ticket.messages):
            if len(msg.body) > limit:
                raise InputError(said("read.too_long", index=i, chars=Size(len(msg.body)), limit=Size(limit)))

    def lint_ticket(self, ticket: Ticket, plain: bool = False) -> list[Finding]:
        """Findings for one ticket, sorted by message and position; raises `RuleError` if a rule failed
        (nothing is kept on the linter: a cached linter serves many callers)."""
        linted = self.lint(ticket, plain)
        if linted.failures:
            raise RuleError(linted.failures)
        return list(linted.findings)

    def lint(self, ticket: Ticket, plain: bool = False) -> Linted:
        """Lint one ticket: findings, the bodies as output may show them, failures, skipped rules."""
        self.validate(ticket)
        deadline = time.monotonic() + self.budget if self.budget else None
        doc = Document(ticket, language=self.config.language, plain=plain)
        roles = doc.roles
        failures: list[RuleFailure] = []
        secrets: dict[str, list[Hit]] = {}
        for rule, scope, options in self._secret_rules:
            if roles.isdisjoint(scope):
                continue
            try:
                secrets[rule.meta.code] = list(rule.check(RuleContext(doc, options, code=rule.meta.code, locale=self.locale)))
            except Exception as exc:
                if self.strict:
                    raise
                # Fail closed: without its secret scan no text of this ticket may be shown.
                failure = rule_failure(rule.meta.code, ticket, exc, known=False,
                                       note="no finding of this ticket is shown, so that no secret can be")
                return Linted((), tuple("" for _ in ticket.messages), (failure,), (), tuple(m.language for m in doc.messages))
        found = [h for hits in secrets.values() for h in hits]
        secret_texts = {doc.messages[h.message_index].body[h.span.start:h.span.end] for h in found if h.redacted is not None}
        doc = _masked(doc, found, self.config.language, plain)
        shown = tuple(m.body for m in doc.messages)
        prose_doc: Document | None = None
        # Suppression directives (see suppressions.py): rules read the text with them blanked out. Most
        # tickets name no directive and carry no tag: no Suppressions is built for them.
        sup = Suppressions(shown, ticket.tags, self._resolve) if ticket.tags or any(map(mentions_directive, shown)) else None
        directives = sup is not None and sup.any
        rule_doc = doc
        if sup is not None and any(sup.by_message):
            rule_doc = _rebuilt(doc, [blanked(b, ds) for b, ds in zip(shown, sup.by_message)], self.config.language, plain)
        report_unused = self.report_unused
        tag_off = {c for d in sup.tags for c in d.codes if c is not None} if sup is not None else set()
        # The plan entries whose scope meets the thread's roles, looked up once per set of roles (a rule
        # reporting on no role of the thread has nothing to read: most chat is one customer line). The
        # others count as run, for the unused report.
        plan, not_in_thread = self._plan_for(roles)
        # The rules that ran to the end on this ticket: only the unused-directive report asks (most tickets have none)
        ran: set[str] | None = set(not_in_thread) if directives else None
        findings: list[Finding] = []
        skipped: list[str] = []
        vocab = self.vocabulary
        for rule, code, _scope, options, severity, whole in plan:
            if tag_off and not report_unused and not tag_off.isdisjoint((code, ALL)):
                continue  # switched off for the whole ticket by a tag: not worth running
            if deadline is not None and time.monotonic() > deadline:
                skipped.append(code)
                continue
            if code in secrets:
                hits = secrets[code]
            else:
                target = rule_doc
                if not whole:
                    if prose_doc is None:
                        prose_doc = _truncated(rule_doc, self.config.prose_chars, self.config.language, plain)
                    target = prose_doc
                try:
                    hits = list(rule.check(RuleContext(target, options, vocab, code, self.locale)))
                except Exception as exc:
                    if self.strict:
                        raise
                    failures.append(rule_failure(code, ticket, exc, secret_texts))
                    continue
            if ran is not None:
                ran.add(code)
            for hit in hits:
                if directives and sup is not None and sup.silenced(code, hit.message_index, hit.span.start):
                    continue
                findings.append(self._finding(rule, severity, hit, doc))
        if directives and sup is not None and ran is not None and Severity.WARNING >= self.config.min_severity:
            findings += [self._problem(p, doc) for p in sup.problems(ran.__contains__, report_unused)
                         if p.code != UNKNOWN_CODE or self.report_unknown]
        if len(findings) > 1:  # none or one: nothing to order, nothing to merge (a rule's finding carries no related one)
            findings.sort(key=_finding_order)
            if self.overlaps is not None:  # after the suppressions: a silenced finding hides no other
                findings = self.overlaps.merge(findings)
        # the side remarks the reply rules skipped (read on the document they read; computed here when none of them ran)
        try:
            aside = (prose_doc or rule_doc).side_remarks if Role.AGENT in roles else frozenset()
        except Exception:
            # the reading of authors failed (a library caller's author that is no text): the rules that read it have
            # failed the same way and say so (`failures`, exit 2); with none of them failing, the error is raised
            if self.strict or not failures:
                raise
            aside = frozenset()
        return Linted(tuple(findings), shown, tuple(failures), tuple(skipped), tuple(m.language for m in doc.messages), aside)

    def _plan_for(self, roles: frozenset[Role]) -> tuple[tuple[_Step, ...], frozenset[str]]:
        """The plan entries whose scope meets `roles`, and the codes of the others (kept per set of roles)."""
        found = self._plans.get(roles)
        if found is None:
            found = self._plans[roles] = (tuple(s for s in self._plan if not roles.isdisjoint(s[2])),
                                          frozenset(s[1] for s in self._plan if roles.isdisjoint(s[2])))
        return found

    def _resolve(self, item: str) -> str | None:
        """The code a suppression's item names (a code, name or alias, or ALL), None if no rule."""
        if item.upper() == ALL:
            return ALL
        try:
            return self.registry.get(item).meta.code
        except SelectionError:
            return None

    def _problem(self, problem: Problem, doc: Document) -> Finding:
        """A directive naming no rule (TL001) or silencing nothing (TL002), as a warning at the directive
        (a ticket tag has no place in the text: it is reported at the start of the first message)."""
        d = problem.directive
        index = d.message_index if d.message_index is not None else 0
        msg = doc.messages[index]
        start, end = (d.start, d.end) if d.message_index is not None else (0, 0)
        line, col = msg.position(start)
        lang = self.locale or msg.language  # said in the language of the message it is in, as rules' findings
        return Finding(
            ticket_id=doc.ticket.id, message_index=index, code=problem.code, name=problem.name,
            severity=Severity.WARNING, message=problem.say(lang), span=Span(start, end), line=line, column=col,
            excerpt=excerpt(msg.body, start, end), source=doc.ticket.source,
            suggestion=problem.fix(lang),
            language=msg.language, role=msg.role.value, author=msg.message.author,
            created_at=msg.message.created_at, fields=doc.ticket.extra, message_id=msg.message.id,
        )

    def _finding(self, rule: Rule, severity: Severity, hit: Hit, doc: Document) -> Finding:
        msg = doc.messages[hit.message_index]
        line, col = msg.position(hit.span.start)
        return Finding(
            ticket_id=doc.ticket.id,
            message_index=hit.message_index,
            code=rule.meta.code,
            name=rule.meta.name,
            severity=severity,
            message=hit.message,
            span=hit.span,
            line=line,
            column=col,
            excerpt=excerpt(msg.body, hit.span.start, hit.span.end) if hit.redacted is None or _starred(hit, msg.body)
            else hit.redacted,
            source=doc.ticket.source,
            suggestion=hit.suggestion,
            language=msg.language,
            redacted=hit.redacted is not None,
            role=msg.role.value,
            author=msg.message.author,
            created_at=msg.message.created_at,
            fields=doc.ticket.extra,
            message_id=msg.message.id,
        )


def _starred(hit: Hit, shown: str) -> bool:
    """The secret's redacted form would say more than the line shown: it keeps the secret's length, yet
    the shown line has stars there instead (two secrets overlap, `_merged`), and the characters it keeps
    could be the other secret. A form of another length (a private key's header lines) is its own."""
    text = shown[hit.span.start:hit.span.end]
    return hit.redacted is not None and len(hit.redacted) == len(text) and hit.redacted != text


def _mask_text(text: str, redacted: str | None) -> str:
    """What replaces a secret: its redacted form when that keeps the length, else stars (line breaks kept)."""
    if redacted is not None and len(redacted) == len(text):
        return redacted
    return "".join(c if c in "\r\n" else "*" for c in text)


# Another occurrence of a secret found once is masked too (a password quoted back in
# a reply, glued to a word where the finder's boundaries miss it); up to this many
# distinct secrets per ticket are looked for, each with one linear str.find scan.
MAX_SECRETS_SEARCHED = 256


def _masked(doc: Document, hits: list[Hit], language: str, plain: bool) -> Document:
    """The document again, with every secret masked in place (same offsets), languages kept.

    Rules other than the secret finders read this one, so whatever a rule
    quotes in a message, excerpt or suggestion, it cannot quote a secret:
    neither where a finder found it nor anywhere else in the thread.
    """
    spans: dict[int, list[tuple[int, int, str | None]]] = {}
    texts: dict[str, str | None] = {}
    for h in hits:
        if h.redacted is None or h.span.end <= h.span.start:
            continue
        spans.setdefault(h.message_index, []).append((h.span.start, h.span.end, h.redacted))
        text = doc.messages[h.message_index].body[h.span.start:h.span.end]
        if len(text) >= 4 and len(texts) < MAX_SECRETS_SEARCHED:
            texts.setdefault(text, h.redacted)
    if not spans:
        return doc
    for m in doc.messages:
        body = m.body
        for text, redacted in texts.items():
            at = body.find(text)
            while at != -1:
                spans.setdefault(m.index, []).append((at, at + len(text), redacted))
                at = body.find(text, at + len(text))
    bodies = []
    for m in doc.messages:
        body = m.body
        parts: list[str] = []
        pos = 0
        for start, end, redacted in _merged(spans.get(m.index, ()), len(body)):
            parts += [body[pos:start], _mask_text(body[start:end], redacted)]
            pos = end
        parts.append(body[pos:])
        bodies.append("".join(parts))
    return _rebuilt(doc, bodies, language, plain)


def _merged(spans: Iterable[tuple[int, int, str | None]], length: int) -> Iterator[tuple[int, int, str | None]]:
    """The secrets' spans merged where they meet, in order, each with the redacted form to show: its own
    when the region is one secret, else none (all stars). A redacted form keeps a few characters of its
    secret (a card's first four digits); where two secrets overlap, those could be the other secret
    (`PASSWD:4111 1111 1111 1111`: the password 4111 is the card's first four digits)."""
    region: tuple[int, int, str | None] | None = None
    for start, end, redacted in sorted(spans, key=lambda x: (x[0], -x[1])):
        end = min(end, length)
        if start >= end:
            continue
        if region is None:
            region = (start, end, redacted)
        elif start < region[1]:  # meets the region: one secret again (found twice) keeps its form, else stars
            same = (start, end) == region[:2] and redacted == region[2]
            region = (region[0], max(region[1], end), region[2] if same else None)
        else:
            yield region
            region = (start, end, redacted)
    if region is not None:
        yield region


def _truncated(doc: Document, limit: int, language: str, plain: bool) -> Document:
    """The document with each message cut to its first `limit` characters (the same one if none is longer)."""
    if all(len(m.body) <= limit for m in doc.messages):
        return doc
    return _rebuilt(doc, [m.body[:limit] for m in doc.messages], language, plain)


def _rebuilt(doc: Document, bodies: list[str], language: str, plain: bool) -> Document:
    ticket = doc.ticket
    messages = tuple(replace(m.message, body=body, language=m.language) for m, body in zip(doc.messages, bodies))
    return Document(replace(ticket, messages=messages, language=ticket.language or doc.language), language=language, plain=plain)
