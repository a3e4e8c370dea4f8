"""`python -m ticketlint` runs the command line."""

from .cli import main

main()
