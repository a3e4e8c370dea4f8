"""Rule packs and language data of ticketlint, shipped as the package `ticketlint.rules`.

This folder sits at the top of the repository, where the design card puts it
and where a support team finds it; pyproject.toml maps it onto the package
(`package-dir`), so wheels and editable installs both carry it as package data.
Nothing here is code: `<CODE>.toml` are data rules, `<lang>/` the per-language
packs and `<lang>/language.toml` what a language needs (see
docs/dev/rule-authoring.md).
"""
