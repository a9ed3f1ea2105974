"""`udsyn init`: set up the municipality."""
from __future__ import annotations

import click

from cli.main import CONTEXT
from cli.options import change_options


@click.command(context_settings=CONTEXT)
@click.option("--municipality", required=True, help="The municipality's name.")
@click.option("--code", required=True, help="Short code used in case references, e.g. KAL.")
@click.option("--country", required=True, help="ISO 3166 country code, e.g. SE.")
@click.option("--currency", required=True, help="Reporting currency, ISO 4217, e.g. SEK.")
@click.option("--language", required=True, help="da, sv or en.")
@change_options
@click.pass_obj
def init(s, municipality, code, country, currency, language, date_, reason, command_id):
    """Set up the municipality; the acting user becomes the first admin.

    \b
    Example:
      udsyn --actor anna init --municipality "Kalix kommun" --code KAL \\
            --country SE --currency SEK --language sv
    """
    from application.commands.org import Init

    Init.parse(municipality=municipality, code=code, country=country, currency=currency,  # invalid input
               language=language)  # is refused before the database file is made
    s.creating = True
    result = s.app.init(s.context(date_, reason, command_id), municipality=municipality, code=code,
                        country=country, currency=currency, language=language)
    s.emit(result, f"initialised {municipality} ({code}); {s.user} is admin")
