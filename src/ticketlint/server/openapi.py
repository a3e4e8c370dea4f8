"""The OpenAPI 3.1 description of the API, served at /openapi.json.

Written out rather than generated: the API validates with ticketlint's own
ticket reader (whose errors name the field), and the ticket schema is the one
the package ships (schema/ticket.schema.json), so the description and the
reader cannot drift apart.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from .. import __version__
from ..model import LANGUAGES
from .settings import ServeSettings


@lru_cache(maxsize=1)
def _ticket_schema() -> dict[str, Any]:
    text = resources.files("ticketlint").joinpath("schema/ticket.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    schema.pop("$schema", None)
    schema.pop("$id", None)
    return schema


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _q(name: str, description: str, enum: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if enum:
        schema["enum"] = enum
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


# The language of the rules' help text (summary, suggestion, rationale, options, headings): as `ticketlint rule --locale`
_LOCALE = {"name": "locale", "in": "query", "required": False,
           "description": "Language of the documentation: the rule's texts, its options' descriptions and the headings "
                          "(auto: the config's locale, else English)",
           "schema": {"type": "string", "enum": ["auto", *LANGUAGES]}}

def openapi_document(settings: ServeSettings) -> dict[str, Any]:
    finding = {
        "type": "object",
        "properties": {
            "ticket_id": {"type": "string"}, "message_index": {"type": "integer"},
            "line": {"type": "integer"}, "column": {"type": "integer"},
            "start": {"type": "integer", "description": "offset in the message body, in Unicode code points"},
            "end": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"},
            "severity": {"type": "string", "enum": ["info", "warning", "error"]},
            "message": {"type": "string"}, "excerpt": {"type": "string", "description": "secrets masked"},
            "suggestion": {"type": ["string", "null"]}, "language": {"type": ["string", "null"]},
            "role": {"type": ["string", "null"]},
        },
        "required": ["message_index", "start", "end", "code", "name", "severity", "message"],
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "ticketlint", "version": __version__,
                 "description": "Lint support tickets and replies: evidence, clarity, completeness, tone and privacy "
                                "rules in English, Spanish, Indonesian and Romanian."},
        "paths": {
            "/v1/lint": {"post": {
                "summary": "Lint a ticket (ticketlint's JSON format) or one text with a role",
                "parameters": [
                    _q("profile", "Workflow profile: escalation, reply, audit, privacy, or one from the config"),
                    _q("select", "Rules to run, comma-separated (codes, prefixes, names, groups, ALL); replaces the selection"),
                    _q("extend-select", "Rules to add to the selection"),
                    _q("ignore", "Rules to leave out"),
                    _q("min-severity", "Report findings at or above this severity", ["info", "warning", "error"]),
                    _q("locale", "Language of the findings' messages and suggestions (auto: the language of each message)",
                       ["auto", *LANGUAGES]),
                ],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"oneOf": [
                    {"$ref": "#/components/schemas/Ticket"}, {"$ref": "#/components/schemas/Text"}]}}}},
                "responses": {
                    "200": {"description": "Findings", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LintResult"}}}},
                    "400": _error("Not JSON, an unknown query parameter, or a bad value of one (locale, min-severity)"),
                    "413": _error(f"Body over {settings.max_body_bytes} bytes"),
                    "422": _error("A field is wrong; `field` names it: what the CLI refuses, the service refuses: an empty "
                                  "or white-space `text` (the CLI's 'empty file: nothing to lint'), a NUL in it, a ticket "
                                  "with no messages, an unknown role, language, profile or rule (`select`, `ignore`, "
                                  "`extend-select`)"),
                    "503": _error(f"{settings.max_concurrency} requests already in flight; retry"),
                    "504": _error("The ticket took too long to lint"),
                },
            }},
            "/v1/rules": {"get": {"summary": "Every rule", "parameters": [_LOCALE], "responses": {"200": {"description": "Rules", "content": {
                "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}}}}}},
            "/v1/rules/{code}": {"get": {
                "summary": "One rule's documentation (by code, name or alias)",
                "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}, _LOCALE],
                "responses": {"200": {"description": "The rule's documentation in `locale`, in parts (summary, rationale, "
                                                     "suggestion, source, options, examples) and rendered (`doc`)", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/RuleDoc"}}}},
                    "400": _error("A locale outside auto, en, es, id, ro"),
                    "404": _error("No such rule")}}},
            "/v1/profiles": {"get": {"summary": "The profiles this server knows", "responses": {"200": {"description": "Profiles"}}}},
            "/healthz": {"get": {"summary": "Liveness", "responses": {"200": {"description": "ok"}}}},
            "/openapi.json": {"get": {"summary": "This description", "responses": {"200": {"description": "OpenAPI 3.1"}}}},
            "/": {"get": {"summary": "The page for agents", "responses": {"200": {"description": "HTML"}}}},
        },
        "components": {"schemas": {
            "Ticket": _ticket_schema(),
            "Text": {"type": "object", "required": ["text"], "properties": {
                "text": {"type": "string", "pattern": "[^ \\t\\n\\r\\x0b\\x0c]", "description": "one message; not empty nor only white space (422)"},
                "role": {"type": "string", "enum": ["customer", "agent", "note"]},
                "lang": {"type": "string", "enum": ["auto", *LANGUAGES]}}},
            "Finding": finding,
            "LintResult": {"type": "object", "properties": {
                "ticket_id": {"type": "string"}, "profile": {"type": ["string", "null"]},
                "locale": {"type": ["string", "null"], "enum": [*LANGUAGES, None],
                           "description": "the findings' language when one was asked for (?locale=, the config); "
                                          "null: each finding's message's (its `language`)"},
                "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                "languages": {"type": "array", "items": {"type": "string"}},
                "skipped": {"type": "array", "items": {"type": "string"}, "description": "rules not run: time budget spent"},
                "failures": {"type": "array", "items": {"type": "object"}}}},
            "Rule": {"type": "object", "properties": {
                "code": {"type": "string"}, "name": {"type": "string"},
                "summary": {"type": "string", "description": "in the asked `locale`, as every text of a rule"},
                "scope": {"type": "array", "items": {"type": "string", "enum": ["customer", "agent", "note"]}},
                "severity": {"type": "string", "enum": ["info", "warning", "error"]},
                "groups": {"type": "array", "items": {"type": "string"}},
                "languages": {"type": "array", "items": {"type": "string"}},
                "aliases": {"type": "array", "items": {"type": "string"}}}},
            "RuleDoc": {"allOf": [{"$ref": "#/components/schemas/Rule"}, {"type": "object", "properties": {
                "locale": {"type": "string", "enum": list(LANGUAGES), "description": "the language of every text below"},
                "rationale": {"type": ["string", "null"]}, "suggestion": {"type": ["string", "null"]},
                "source": {"type": ["string", "null"], "description": "where the rationale comes from"},
                "options": {"type": "array", "items": {"type": "object", "properties": {
                    "name": {"type": "string"}, "type": {"type": "string", "description": "list, dict, int, float, bool or str"},
                    "type_text": {"type": "string", "description": "the type in words, in `locale`"},
                    "default": {}, "default_text": {"type": "string"}, "help": {"type": "string"}}}},
                "examples": {"type": "object", "description": "the rule's examples as written, each in its own language",
                             "properties": {k: {"type": "array", "items": {"$ref": "#/components/schemas/RuleExample"}}
                                            for k in ("flagged", "not_flagged")}},
                "words": {"type": "object", "additionalProperties": {"type": "string"},
                          "description": "the page's headings in `locale` (what, why, todo, options, flagged, not_flagged, where)"},
                "doc": {"type": "string", "description": "the same page rendered as Markdown, its headings in `locale` "
                                                         "(as `ticketlint rule CODE --locale`): read the fields above, not this"},
            }}]},
            "RuleExample": {"type": "object", "properties": {
                "language": {"type": "string"}, "messages": {"type": "array", "items": {"type": "object", "properties": {
                    "role": {"type": "string"}, "body": {"type": "string"}}}}}},
            "Error": {"type": "object", "required": ["error"], "properties": {
                "error": {"type": "string"}, "field": {"type": "string"}}},
        }},
    }
