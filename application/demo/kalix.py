"""The Kalix demo: the 2007 international policy at work in 2024–2026, every case state on file.

Threshold 0 means every engagement is decided politically (ksau, ks or bun); the three-week
appeal window runs from the posting of the minutes before money is committed or spent."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from application.demo.builder import TODAY, Municipality, Partner, Timeline, network, organise
from application.demo.kalix_cases import (
    LENA, OLLE, archipelago_tourism, business_contacts_chamber_of_commerce,
    climate_adaptation_outside_strategy, ideas, investor_trip_rejected, job_shadowing_preschool,
    nordplus_exchange_postponed, pupil_exchanges_furuhedsskolan, teacher_exchange_withdrawn,
    twin_town_pielavesi, vendace_roe_in_berlin,
)

if TYPE_CHECKING:
    from application.service import Udsyn

KALIX = Municipality(
    municipality="Kalix kommun", code="KAL", country="SE", currency="SEK", language="sv",
    bodies=[
        ("kf", "Kommunfullmäktige", "council"),
        ("ks", "Kommunstyrelsen", "board"),
        ("ksau", "Kommunstyrelsens arbetsutskott", "committee"),
        ("bun", "Barn- och utbildningsnämnden", "board"),
        ("kommunchef", "Kommunchefen", "official"),
    ],
    departments=[
        ("klf", "Kommunledningsförvaltningen", "ks"),
        ("tillvaxt", "Tillväxtavdelningen (näringsliv och besöksnäring)", "ks"),
        ("buf", "Barn- och utbildningsförvaltningen", "bun"),
    ],
    users=[
        (LENA, "officer", ["klf", "tillvaxt"]),
        (OLLE, "officer", ["buf"]),
        ("revisor", "auditor", []),
        ("rapport", "reporter", []),
    ],
    adopted_by="kf",
    adopted_on=date(2007, 11, 26),
)


# The policy names Pielavesi (since 1973) and "flera andra kommuner i Norge, Litauen och Ryssland";
# the Norwegian, Lithuanian and Russian towns, the schools and the contacts here are illustrative.
PARTNERS = [
    Partner("pielavesi", "Pielaveden kunta (Pielavesi)", "FI", "twin-town", "1973",
            "Kalix första vänort: politiker-, medarbetar-, kultur- och idrottsutbyten.",
            contacts=({"name": "Aino Korhonen", "title": "Kansainvälisten asioiden koordinaattori",
                       "email": "aino.korhonen@example.fi"},)),
    Partner("alta", "Alta kommune", "NO", "twin-town", "1982",
            "Vänort i Finnmark; utbyten inom idrott och kultur under 1980- och 90-talen.",
            history=(("2007-11-26", "dormant",
                      "Policyn (KF 2007-11-26): vänortskontakterna från 1970-, 80- och 90-talen har fyllt "
                      "sina behov"),)),
    Partner("rokiskis", "Rokiškio rajono savivaldybė (Rokiškis)", "LT", "twin-town", "1993",
            "Vänort sedan 1993; skolkontakterna lever vidare genom Furuhedsskolan."),
    Partner("kirovsk", "Kirovsk", "RU", "twin-town", "1991",
            "Barentssamarbete om gruvnäring och ungdomsutbyten.",
            history=(("2022-03-03", "suspended",
                      "Allt samarbete med ryska kommuner vilar efter Rysslands invasion av Ukraina; "
                      "beslut i kommunstyrelsens arbetsutskott"),)),
    Partner("partnerskola-pielavesi", "Pielaveden yhtenäiskoulu", "FI", "school", "2012",
            "Furuhedsskolans partnerskola i Pielavesi: elevutbyten och jobbskuggning för lärare.",
            contacts=({"name": "Jukka Heikkinen", "title": "Rehtori", "email": "jukka.heikkinen@example.fi"},)),
    Partner("partnerskola-litauen", "Rokiškio progimnazija", "LT", "school", "2015",
            "Furuhedsskolans partnerskola i Litauen (Erasmus+)."),
    Partner("handelskammaren", "Norrbottens Handelskammare", "SE", "business", "2009",
            "\"En viktig samarbetspartner är också handelskammaren, som kan koordinera projekt.\"",
            contacts=({"name": "Karin Lindqvist", "title": "Projektledare, internationella kontakter",
                       "email": "karin.lindqvist@example.se", "phone": "+46 920 000 00"},)),
]


def build(app: Udsyn, strategy: dict[str, Any], admin: str) -> None:
    """Build the Kalix demo on an empty store; `admin` is set up as the first admin."""
    t = Timeline(app)
    organise(t, "2024-01-08", admin, KALIX, strategy)
    network(t, "2024-01-08", admin, PARTNERS)
    twin_town_pielavesi(t)
    job_shadowing_preschool(t)
    business_contacts_chamber_of_commerce(t)
    pupil_exchanges_furuhedsskolan(t)
    investor_trip_rejected(t)
    teacher_exchange_withdrawn(t)
    vendace_roe_in_berlin(t)
    nordplus_exchange_postponed(t)
    climate_adaptation_outside_strategy(t)
    archipelago_tourism(t)
    ideas(t)
    t.run(TODAY)
