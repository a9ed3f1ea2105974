"""The report's words in Danish, Swedish and English, and Babel's formats for each locale."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date

from domain.errors import InvalidInput
from infrastructure.reports.numbers import money_format, number_format, percent_format

LOCALES = {"da": "da_DK", "sv": "sv_SE", "en": "en_GB"}

LABELS: dict[str, dict[str, str]] = {
    "title": {"da": "Internationale projekter – årsrapport {year}",
              "sv": "Internationella projekt – årsredovisning {year}",
              "en": "International projects – annual report {year}"},
    "closed": {"da": "Regnskabsåret er lukket {date} (hændelsesposition {position}).",
               "sv": "Redovisningsåret stängdes {date} (händelseposition {position}).",
               "en": "The reporting year was closed on {date} (event position {position})."},
    "preliminary": {"da": "Foreløbig: året er ikke lukket. Opgjort til hændelsesposition {position}.",
                    "sv": "Preliminär: året är inte stängt. Sammanställd till händelseposition {position}.",
                    "en": "Preliminary: the year is not closed. Compiled to event position {position}."},
    "stale": {"da": "Forældet: læsemodellerne er ved position {position}, hændelseslogget ved {head}.",
              "sv": "Inaktuell: läsmodellerna är vid position {position}, händelseloggen vid {head}.",
              "en": "Stale: the read models are at position {position}, the event log at {head}."},
    "empty": {"da": "Ingen internationale projekter i {year}.",
              "sv": "Inga internationella projekt under {year}.",
              "en": "No international projects in {year}."},
    "board": {"da": "Udvalg", "sv": "Nämnd", "en": "Board"},
    "portfolio": {"da": "Porteføljen i alt", "sv": "Portföljen totalt", "en": "Portfolio totals"},
    "ref": {"da": "Sagsnr.", "sv": "Diarienr", "en": "Case"},
    "project": {"da": "Projekt", "sv": "Projekt", "en": "Project"},
    "summary": {"da": "Resumé", "sv": "Sammanfattning", "en": "Summary"},
    "status": {"da": "Status", "sv": "Status", "en": "Status"},
    "department": {"da": "Forvaltning", "sv": "Förvaltning", "en": "Department"},
    "focus_areas": {"da": "Indsatsområder", "sv": "Fokusområden", "en": "Focus areas"},
    "goals": {"da": "Mål", "sv": "Mål", "en": "Goals"},
    "indicators": {"da": "Indikatorer (mål / resultat)", "sv": "Indikatorer (mål / utfall)",
                   "en": "Indicators (target / actual)"},
    "not_measured": {"da": "ikke målt", "sv": "ej mätt", "en": "not measured"},
    "financials": {"da": "Årets økonomi", "sv": "Årets ekonomi", "en": "The year's financials"},
    "budget_approved": {"da": "Bevilget budget", "sv": "Beviljad budget", "en": "Budget approved"},
    "own_contribution": {"da": "Egenfinansiering", "sv": "Egen insats", "en": "Own contribution"},
    "external_applied": {"da": "Ekstern finansiering søgt", "sv": "Extern finansiering sökt",
                         "en": "External funding applied"},
    "external_granted": {"da": "Ekstern finansiering bevilget", "sv": "Extern finansiering beviljad",
                         "en": "External funding granted"},
    "external_received": {"da": "Ekstern finansiering modtaget", "sv": "Extern finansiering mottagen",
                          "en": "External funding received"},
    "expenditure": {"da": "Forbrug", "sv": "Utgifter", "en": "Expenditure"},
    "external_share": {"da": "Ekstern andel", "sv": "Extern andel", "en": "External share"},
    "target": {"da": "mål", "sv": "mål", "en": "target"},
    "share_chart": {"da": "Ekstern finansieringsandel pr. udvalg mod målet",
                    "sv": "Extern finansieringsandel per nämnd mot målet",
                    "en": "External-funding share per board against the target"},
    "adjustments": {"da": "Reguleringer af lukkede år", "sv": "Justeringar av stängda år",
                    "en": "Adjustments to closed years"},
    "adjustment": {"da": "{kind} {amount} (retter position {corrects}, {year})",
                   "sv": "{kind} {amount} (rättar position {corrects}, {year})",
                   "en": "{kind} {amount} (corrects position {corrects}, {year})"},
    "lessons": {"da": "Erfaringer", "sv": "Lärdomar", "en": "Lessons learned"},
    "statement": {"da": "Årsberetning", "sv": "Årsredogörelse", "en": "Annual statement"},
    "statements": {"da": "Manglende og forsinkede årsberetninger", "sv": "Saknade och försenade årsredogörelser",
                   "en": "Missing and overdue annual statements"},
    "none_missing": {"da": "Alle årsberetninger er indsendt.", "sv": "Alla årsredogörelser har lämnats.",
                     "en": "Every annual statement has been submitted."},
    "due": {"da": "frist", "sv": "senast", "en": "due"},
    "as_of": {"da": "pr.", "sv": "per", "en": "as of"},
    "projects": {"da": "Projekter", "sv": "Projekt", "en": "Projects"},
    "submitted": {"da": "indsendt {date}", "sv": "lämnad {date}", "en": "submitted {date}"},
    "missing": {"da": "mangler", "sv": "saknas", "en": "missing"},
    "overdue": {"da": "forsinket", "sv": "försenad", "en": "overdue"},
    "not_required": {"da": "ikke krævet", "sv": "krävs ej", "en": "not required"},
    "idea": {"da": "idé", "sv": "idé", "en": "idea"},
    "exploration": {"da": "afsøgning", "sv": "förstudie", "en": "exploration"},
    "awaiting_decision": {"da": "afventer beslutning", "sv": "inväntar beslut", "en": "awaiting decision"},
    "approved": {"da": "godkendt", "sv": "beviljat", "en": "approved"},
    "executing": {"da": "i gang", "sv": "pågår", "en": "executing"},
    "completed": {"da": "afsluttet", "sv": "avslutat", "en": "completed"},
    "rejected": {"da": "afvist", "sv": "avslaget", "en": "rejected"},
    "withdrawn": {"da": "trukket tilbage", "sv": "återkallat", "en": "withdrawn"},
    "total": {"da": "I alt", "sv": "Totalt", "en": "Total"},
}


class Words:
    """Labels and Babel formatting for one language and the organisation's reporting currency."""

    def __init__(self, lang: str, currency: str) -> None:
        if lang not in LOCALES:
            raise InvalidInput("lang", f"'{lang}' is not one of {', '.join(LOCALES)}")
        self.lang, self.currency = lang, currency
        # The labels without placeholders, for renderers that write them thousands of times.
        self.plain = {key: texts[lang] for key, texts in LABELS.items() if "{" not in texts[lang]}
        self.locale = Locale.parse(LOCALES[lang])
        share_pattern = self.locale.percent_formats[None].pattern.replace("0", "0.0", 1)  # one decimal
        # Babel's patterns compiled once: a report writes some 100,000 amounts, nearly all different.
        self.amounts = money_format(self.locale, currency)
        self.numbers, self.shares = number_format(self.locale), percent_format(share_pattern, self.locale)
        # A report formats the same few values many times (0.00, the same dates): remember them.
        self.money, self.number, self.share, self.date = (
            cache(self.amounts), cache(self.numbers), cache(self._share), cache(self._date))

    def __call__(self, key: str, **values: object) -> str:
        return LABELS[key][self.lang].format(**values)

    def _share(self, value: str | Decimal | None) -> str:
        return "–" if value is None else self.shares(value)

    def _date(self, value: str | date | None) -> str:
        if value is None:
            return "–"
        day = value if isinstance(value, date) else date.fromisoformat(value)
        return format_date(day, "long", locale=self.locale)
