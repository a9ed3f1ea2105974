"""The Holbæk demo: the international strategy at work in 2024–2026, every case state on file.

At or below DKK 500,000 direktionen decides administratively; larger projects go to Vækstudvalget
("De større internationale projekter skal godkendes politisk"). No appeal window applies."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from application.demo.builder import TODAY, Municipality, Partner, Timeline, network, organise

if TYPE_CHECKING:
    from application.service import Udsyn

METTE, LARS = "mette", "lars"  # the international coordinator and an officer in skole

HOLBAEK = Municipality(
    municipality="Holbæk Kommune", code="HOL", country="DK", currency="DKK", language="da",
    bodies=[
        ("byraadet", "Byrådet", "council"),
        ("okonomiudvalget", "Økonomiudvalget", "committee"),
        ("vaekstudvalget", "Vækstudvalget", "committee"),
        ("skoleudvalget", "Skoleudvalget", "committee"),
        ("kulturudvalget", "Kultur- og Fritidsudvalget", "committee"),
        ("direktionen", "Direktionen", "official"),
    ],
    departments=[
        ("erhverv", "Erhverv og Vækst", "vaekstudvalget"),
        ("skole", "Skole og Dagtilbud", "skoleudvalget"),
        ("kultur", "Kultur og Fritid", "kulturudvalget"),
        ("digital", "Borgerservice og Digitalisering", "okonomiudvalget"),
    ],
    users=[
        (METTE, "officer", ["erhverv", "kultur", "digital"]),
        (LARS, "officer", ["skole"]),
        ("revision", "auditor", []),
        ("rapport", "reporter", []),
    ],
    adopted_by="byraadet",
    adopted_on=date(2023, 6, 14),
)


# Partners that fit the strategy's focus areas (jobs and food export, education, culture, the
# environment, energy); names and contacts are illustrative.
PARTNERS = [
    Partner("erhvervsforum", "Holbæk Erhvervsforum", "DK", "business", "2016",
            "Lokale virksomheders forum; medarrangør af eksportnetværket (arbejdsmarked, fødevarer).",
            contacts=({"name": "Henrik Mortensen", "title": "Erhvervskonsulent",
                       "email": "henrik.mortensen@example.dk"},)),
    Partner("tysk-erhvervsfremme", "Wirtschaftsförderung Schleswig-Holstein", "DE", "authority", "2023",
            "Tysk erhvervsfremme: matchmaking og messer i Nordtyskland (eksport, fødevarer)."),
    Partner("partnerskole-luebeck", "Partnerskole i Lübeck (Gemeinschaftsschule)", "DE", "school", "2024",
            "Elevudveksling for 8. klasser og kompetenceudvikling for lærere (uddannelse).",
            contacts=({"name": "Katrin Schulz", "title": "Schulleiterin", "email": "k.schulz@example.de"},)),
    Partner("nordiske-kunstnere", "Nordisk kunstnernetværk", "NO", "ngo", "2024",
            "Kunstnere og kulturinstitutioner i Norge og Sverige (kultur)."),
    Partner("svensk-kommune", "Kommun vid Kattegatt (Interreg ØKS-partner)", "SE", "authority", "2024",
            "Partner om havmiljø i Kattegat (miljø).",
            history=(("2025-09-22", "dormant",
                      "Interreg-ansøgningen blev afvist; samarbejdet hviler, til der er ny finansiering"),)),
    Partner("hochschule-flensburg", "Hochschule Flensburg", "DE", "university", "2019",
            "Forskning i grøn fjernvarme og energisystemer (energi, kompetencer)."),
]


def build(app: Udsyn, strategy: dict[str, Any], admin: str) -> None:
    """Build the Holbæk demo on an empty store; `admin` is set up as the first admin."""
    t = Timeline(app)
    organise(t, "2024-01-15", admin, HOLBAEK, strategy)
    network(t, "2024-01-15", admin, PARTNERS)
    food_export_network(t)
    school_exchange_luebeck(t)
    nordic_artists_residency(t)
    harbour_festival_rejected(t)
    fjord_environment_withdrawn(t)
    district_heating_returned(t)
    digital_services_outside_strategy(t)
    cycling_tourism_awaiting(t)
    job_shadowing_approved(t)
    ideas(t)
    t.run(TODAY)


def food_export_network(t: Timeline) -> None:
    """Executing: a large export project decided by Vækstudvalget, Interreg funding partly received."""
    p = t.case(
        "2024-03-04", METTE, title="Eksportnetværk for fødevarevirksomheder mod Nordtyskland (Interreg)",
        department="erhverv",
        summary="Netværk, messer og matchmaking for lokale fødevarevirksomheder med eksportpotentiale i "
                "Nordtyskland, sammen med Holbæk Erhvervsforum og tysk erhvervsfremme.",
        focus_area=["arbejdsmarked", "fodevarer"], target_group=["erhvervsliv"],
        goal=["eksport", "flere-jobs", "vaekstsamarbejder"], partner=["erhvervsforum", "tysk-erhvervsfremme"],
        budget="850000", jobs=20, competence=5,
    )
    p.then("2024-03-05", "explore")
    p.then("2024-04-15", "apply_for_funding", programme="Interreg Deutschland-Danmark", amount="60000",
           currency="EUR", rate="7.4585")
    p.then("2024-05-06", "submit", body="vaekstudvalget")
    p.then("2024-05-15", "decide", body="vaekstudvalget", outcome="approved", meeting_date="2024-05-13",
           item="pkt. 7", case_number="24-008812", ceiling="850000")
    p.then("2024-07-01", "grant", application="A1", amount="60000", currency="EUR", rate="7.4585")
    p.then("2024-07-08", "fund", own_contribution="402490")
    p.then("2024-07-08", "define_indicator", key="virksomheder", name="Virksomheder i eksportnetværket",
           target="25", unit="virksomheder")
    p.then("2024-07-08", "define_indicator", key="ordrer", name="Nye eksportordrer", target="10",
           unit="ordrer")
    p.then("2024-08-05", "start")
    p.then("2024-09-02", "receive", application="A1", amount="18000", currency="EUR", rate="7.4592")
    p.then("2024-09-23", "spend", amount="85000", category="konsulentydelser",
           description="Eksportrådgivning og netværksmøder")
    p.then("2024-11-04", "spend", amount="64200", category="rejser",
           description="Virksomhedsbesøg i Hamborg og Kiel")
    p.then("2024-11-08", "measure", key="virksomheder", value="11")
    p.then("2025-01-20", "spend", amount="148000", category="messer",
           description="Fælles stand på Internationale Grüne Woche i Berlin")
    p.then("2025-01-27", "statement", year=2024,
           text="Netværket har 11 virksomheder; Interreg Deutschland-Danmark har bevilget 60.000 EUR, 30 % "
                "er udbetalt. Første virksomhedsbesøg i Hamborg og Kiel.")
    p.then("2025-02-03", "measure", key="virksomheder", value="19")
    p.then("2025-02-03", "measure", key="ordrer", value="3")
    p.then("2025-06-02", "receive", application="A1", amount="24000", currency="EUR", rate="7.4605")
    p.then("2025-10-13", "spend", amount="121000", category="messer",
           description="Fælles stand på Anuga i Köln")
    p.then("2025-10-17", "measure", key="ordrer", value="7")
    p.then("2026-01-26", "statement", year=2025,
           text="19 virksomheder i netværket og 7 nye eksportordrer; stande på Grüne Woche og Anuga.")
    p.then("2026-03-16", "spend", amount="98000", category="konsulentydelser",
           description="Eksportrådgivning, tredje projektår")
    p.then("2026-09-14", "spend", amount="76500", category="rejser", description="Matchmaking i Flensborg")
    p.then("2026-09-18", "measure", key="virksomheder", value="24")
    p.then("2026-09-18", "measure", key="ordrer", value="9")


def school_exchange_luebeck(t: Timeline) -> None:
    """Executing: below the threshold, approved by direktionen; its 2024 statement was never
    submitted (an R7 finding for the auditor)."""
    p = t.case(
        "2024-08-19", LARS,
        title="Internationale klasser: elevudveksling med partnerskole i Lübeck (Erasmus+)",
        department="skole",
        summary="Udveksling for 8. klasser og kompetenceudvikling for lærere i tysk og interkulturel "
                "forståelse.",
        focus_area=["uddannelse"], target_group=["borgere", "organisation"],
        goal=["kompetencer", "vaekstsamarbejder"], partner=["partnerskole-luebeck"], budget="380000",
        citizens=60, competence=6,
    )
    p.then("2024-08-20", "explore")
    p.then("2024-09-16", "apply_for_funding", programme="Erasmus+ KA122 (skoleområdet)", amount="26000",
           currency="EUR", rate="7.4590")
    p.then("2024-10-01", "submit", body="direktionen")
    p.then("2024-10-09", "decide", body="direktionen", outcome="approved", meeting_date="2024-10-08",
           item="Direktionsmøde pkt. 4", case_number="24-015530", ceiling="380000")
    p.then("2025-06-30", "grant", application="A1", amount="25000", currency="EUR", rate="7.4610")
    p.then("2025-07-07", "fund", own_contribution="193475")
    p.then("2025-07-07", "define_indicator", key="elever", name="Elever i udveksling", target="60",
           unit="elever")
    p.then("2025-07-07", "define_indicator", key="laerere", name="Lærere på kompetenceudvikling", target="6",
           unit="lærere")
    p.then("2025-08-11", "start")
    p.then("2025-09-01", "receive", application="A1", amount="20000", currency="EUR", rate="7.4620")
    p.then("2025-10-06", "spend", amount="72400", category="rejser",
           description="Udveksling i Lübeck, 24 elever")
    p.then("2025-10-10", "measure", key="elever", value="24")
    p.then("2025-10-10", "measure", key="laerere", value="2")
    p.then("2026-01-28", "statement", year=2025,
           text="24 elever på udveksling i Lübeck; Erasmus+ har bevilget 25.000 EUR, 80 % er udbetalt.")
    p.then("2026-04-20", "spend", amount="58900", category="arrangementer",
           description="Værtskab for elever fra Lübeck")
    p.then("2026-04-24", "measure", key="elever", value="48")
    p.then("2026-04-24", "measure", key="laerere", value="4")


def nordic_artists_residency(t: Timeline) -> None:
    """Completed in 2025: approved by direktionen with a condition, fulfilled; lessons learned."""
    p = t.case(
        "2024-11-11", METTE, title="Nordisk kunstnerophold og udstilling i Holbæk 2025", department="kultur",
        summary="Seks kunstnere fra Norden i ophold og en fælles udstilling; relationer til "
                "kulturinstitutioner i Norge og Sverige som grundlag for nye samarbejder.",
        focus_area=["kultur"], target_group=["borgere"], goal=["vaekstsamarbejder", "flere-borgere"],
        partner=["nordiske-kunstnere"], budget="260000", citizens=3000,
    )
    p.then("2024-11-12", "explore")
    p.then("2024-12-02", "apply_for_funding", programme="Nordisk Kulturfond", amount="100000")
    p.then("2025-01-06", "submit", body="direktionen")
    p.then("2025-01-15", "decide", body="direktionen", outcome="approved-with-conditions",
           meeting_date="2025-01-14", item="Direktionsmøde pkt. 6", case_number="24-019204", ceiling="260000",
           condition=["Samarbejdsaftale med de nordiske partnere underskrives"], condition_due=["2025-03-31"])
    p.then("2025-01-27", "statement", year=2024,
           text="Projektet er under forberedelse; ansøgning til Nordisk Kulturfond indsendt.")
    p.then("2025-02-24", "grant", application="A1", amount="90000")
    p.then("2025-03-03", "fund", own_contribution="170000")
    p.then("2025-03-03", "define_indicator", key="besogende", name="Besøgende på udstillingen", target="3000",
           unit="personer")
    p.then("2025-03-03", "define_indicator", key="kunstnere", name="Nordiske kunstnere i ophold", target="6",
           unit="kunstnere")
    p.then("2025-03-12", "fulfil", obligation="O1", why="Aftalen underskrevet af alle partnere 2025-03-11")
    p.then("2025-04-01", "start")
    p.then("2025-04-10", "receive", application="A1", amount="90000")
    p.then("2025-05-05", "spend", amount="96000", category="honorarer",
           description="Kunstnerophold, seks kunstnere")
    p.then("2025-05-30", "measure", key="kunstnere", value="6")
    p.then("2025-08-18", "spend", amount="118500", category="arrangementer",
           description="Udstilling og formidling på Holbæk Havn")
    p.then("2025-09-30", "measure", key="besogende", value="3650")
    p.then("2025-10-31", "complete",
           lessons="Udstillingen nåede flere besøgende end ventet, især via havnens events. To af kunstnerne "
                   "har bragt deres institutioner med i nye samarbejder. Næste gang: søg fonde et halvt år "
                   "tidligere og aftal formidlingen med skolerne fra start.")
    p.then("2026-01-26", "statement", year=2025,
           text="Afsluttet i oktober: 3.650 besøgende, seks kunstnere i ophold. Nordisk Kulturfond "
                "finansierede 35 %.")


def harbour_festival_rejected(t: Timeline) -> None:
    """Rejected by Vækstudvalget: too costly without external funding."""
    p = t.case(
        "2024-11-25", METTE, title="International havnefestival 2025", department="kultur",
        focus_area=["events", "kultur", "turisme"], target_group=["borgere", "erhvervsliv"],
        goal=["investeringer"], budget="1400000", citizens=15000, jobs=2,
    )
    p.then("2024-11-26", "explore")
    p.then("2025-01-20", "submit", body="vaekstudvalget")
    p.then("2025-02-12", "decide", body="vaekstudvalget", outcome="rejected", meeting_date="2025-02-10",
           item="pkt. 5", case_number="24-020117",
           why="Budgettet er for stort uden ekstern finansiering; udvalget foreslår events i mindre skala")


def fjord_environment_withdrawn(t: Timeline) -> None:
    """Withdrawn after the Interreg application was rejected."""
    p = t.case(
        "2025-01-13", METTE, title="Havmiljø i Isefjorden med svenske partnere (Interreg ØKS)",
        department="erhverv", focus_area=["miljo"], target_group=["borgere", "organisation"],
        goal=["vaekstsamarbejder", "ressourcer"], partner=["svensk-kommune"], budget="900000", competence=4,
    )
    p.then("2025-01-14", "explore")
    p.then("2025-03-17", "apply_for_funding", programme="Interreg Öresund-Kattegat-Skagerrak", amount="72000",
           currency="EUR", rate="7.4600")
    p.then("2025-09-08", "reject_funding", application="A1", why="Afslag fra programsekretariatet")
    p.then("2025-09-22", "withdraw",
           reason="Interreg-ansøgningen blev afvist, og partnerne har ikke egen finansiering til projektet")


def district_heating_returned(t: Timeline) -> None:
    """Back in exploration: Vækstudvalget returned it for a better description of effects."""
    p = t.case(
        "2025-11-03", METTE, title="Grøn fjernvarme: erfaringsudveksling med nordtysk partnerby",
        department="erhverv", focus_area=["energi", "arbejdsmarked"],
        target_group=["erhvervsliv", "organisation"],
        goal=["vaekstsamarbejder", "flere-jobs"], partner=["hochschule-flensburg"], budget="720000", jobs=6,
        competence=8,
    )
    p.then("2025-11-04", "explore")
    p.then("2026-02-23", "submit", body="vaekstudvalget")
    p.then("2026-03-11", "decide", body="vaekstudvalget", outcome="returned", meeting_date="2026-03-09",
           item="pkt. 11", case_number="25-021877",
           why="Sendes tilbage: effekter på jobs og mulig ekstern finansiering skal beskrives")


def digital_services_outside_strategy(t: Timeline) -> None:
    """Outside every focus area: explored after direktionen's mandate (R2)."""
    p = t.case(
        "2026-05-11", METTE, title="Digital borgerservice: erfaringsudveksling med Tartu (Estland)",
        department="digital", outside_strategy=True, target_group=["organisation"], goal=["ressourcer"],
        summary="Estiske erfaringer med digitale selvbetjeningsløsninger; mulige ressourcer til "
                "kerneopgaverne.",
        budget="90000", competence=10,
    )
    p.then("2026-05-20", "decide", body="direktionen", outcome="approved", meeting_date="2026-05-19",
           item="Direktionsmøde pkt. 3", case_number="26-007731",
           why="Uden for indsatsområderne, men kan give ressourcer til kerneopgaverne; "
               "mandat til at undersøge")
    p.then("2026-05-26", "explore")


def cycling_tourism_awaiting(t: Timeline) -> None:
    """Awaiting Vækstudvalget's decision."""
    p = t.case(
        "2026-08-31", METTE, title="Cykelturisme i Nordvestsjælland for tyske og hollandske gæster",
        department="erhverv", focus_area=["turisme"], target_group=["erhvervsliv"],
        goal=["investeringer", "flere-jobs"], budget="640000", jobs=8,
    )
    p.then("2026-09-01", "explore")
    p.then("2026-10-05", "apply_for_funding", programme="Interreg Deutschland-Danmark, småprojekter",
           amount="25000", currency="EUR", rate="7.4620")
    p.then("2026-11-02", "submit", body="vaekstudvalget")


def job_shadowing_approved(t: Timeline) -> None:
    """Approved by direktionen; funding not yet committed."""
    p = t.case(
        "2026-09-21", LARS, title="Jobskygning for pædagoger i finske daginstitutioner (Erasmus+)",
        department="skole", focus_area=["uddannelse"], target_group=["organisation"],
        goal=["kompetencer", "ressourcer"], budget="140000", competence=10,
    )
    p.then("2026-09-22", "explore")
    p.then("2026-10-01", "apply_for_funding", programme="Erasmus+ KA122 (dagtilbud)", amount="12000",
           currency="EUR", rate="7.4620")
    p.then("2026-10-20", "submit", body="direktionen")
    p.then("2026-11-04", "decide", body="direktionen", outcome="approved", meeting_date="2026-11-03",
           item="Direktionsmøde pkt. 5", case_number="26-014420", ceiling="140000")


def ideas(t: Timeline) -> None:
    """Two fresh ideas, not yet explored."""
    t.case("2026-10-19", METTE, title="Madmarked med nordtyske producenter på Holbæk Havn",
           department="erhverv",
           focus_area=["fodevarer", "events"], target_group=["borgere", "erhvervsliv"],
           goal=["eksport", "vaekstsamarbejder"], budget="210000", citizens=4000)
    t.case("2026-11-09", LARS, title="Sprogcamp i Frankrig for 8. klasser", department="skole",
           focus_area=["uddannelse"], target_group=["borgere"], goal=["kompetencer"])
