"""The Kalix demo's cases, 2024–2026: one function a case, each a dated history of the case's
commands as the coordinator (Lena) or the school officer (Olle) would give them, covering every
state a case can be in. `application.demo.kalix` sets up the municipality and runs them."""
from __future__ import annotations

from application.demo.builder import Timeline

LENA, OLLE = "lena", "olle"  # the international coordinator (klf, tillväxt) and an officer in buf


def twin_town_pielavesi(t: Timeline) -> None:
    """Executing since 2024: the twin-town exchange with Pielavesi, Kalix's twin town since 1973."""
    p = t.case(
        "2024-01-22", LENA, title="Vänortsutbyte Kalix–Pielavesi 2024–2026", department="klf",
        summary="Pielavesi är Kalix vänort sedan 1973. Ömsesidiga besök för politiker och medarbetare, "
                "kultur- och idrottsutbyte och gemensam omvärldsbevakning; underlag för ett förnyat "
                "vänortsavtal.",
        focus_area=["kontaktnat", "varumarke"], target_group=["politiker", "medarbetare"],
        goal=["kontaktnat", "anseende", "aktor"], partner=["pielavesi"], budget="180000",
        citizens=120, competence=25,
    )
    p.then("2024-01-29", "explore")
    p.then("2024-02-05", "apply_for_funding", programme="Kulturfonden för Sverige och Finland",
           amount="3500", currency="EUR", rate="11.45")
    p.then("2024-02-06", "submit", body="ksau")
    p.then("2024-02-23", "decide", body="ksau", outcome="approved", meeting_date="2024-02-20", item="§ 28",
           case_number="KS 2024/37", ceiling="180000", posted="2024-02-22")
    p.then("2024-04-18", "grant", application="A1", amount="3000", currency="EUR", rate="11.52")
    p.then("2024-04-22", "fund", own_contribution="145440")
    p.then("2024-04-22", "define_indicator", key="besok", name="Ömsesidiga vänortsbesök", target="6",
           unit="besök")
    p.then("2024-04-22", "define_indicator", key="deltagare", name="Deltagare i utbytet", target="90",
           unit="personer")
    p.then("2024-04-29", "start")
    p.then("2024-06-24", "spend", amount="31200", category="resor",
           description="Politisk delegation till Pielavesi under midsommarveckan")
    p.then("2024-06-28", "measure", key="besok", value="1")
    p.then("2024-06-28", "measure", key="deltagare", value="14")
    p.then("2024-09-16", "spend", amount="18750", category="arrangemang",
           description="Mottagning av Pielavesis kulturdelegation i Kalix")
    p.then("2024-09-20", "measure", key="besok", value="2")
    p.then("2024-09-20", "measure", key="deltagare", value="41")
    p.then("2024-10-07", "receive", application="A1", amount="3000", currency="EUR", rate="11.49")
    p.then("2025-01-20", "statement", year=2024,
           text="Två vänortsbesök med sammanlagt 41 deltagare: politisk delegation till Pielavesi och "
                "Pielavesis kulturdelegation i Kalix. Kulturfonden för Sverige och Finland bidrog med "
                "3 000 EUR.")
    p.then("2025-05-19", "spend", amount="27400", category="resor",
           description="Medarbetarutbyte inom äldreomsorgen, åtta medarbetare till Pielavesi")
    p.then("2025-05-23", "measure", key="besok", value="3")
    p.then("2025-05-23", "measure", key="deltagare", value="49")
    p.then("2025-08-11", "spend", amount="22900", category="arrangemang",
           description="Idrottsutbyte: ungdomslag från Pielavesi i Kalix")
    p.then("2025-08-15", "measure", key="besok", value="4")
    p.then("2025-08-15", "measure", key="deltagare", value="76")
    p.then("2026-01-27", "statement", year=2025,
           text="Två nya besök (äldreomsorg och idrott); 76 deltagare sedan start. Medarbetarutbytet "
                "har gett idéer till hemtjänstens planering som prövas under 2026.")
    p.then("2026-06-22", "spend", amount="29850", category="resor",
           description="Delegation till Pielavesi: planering av nästa avtalsperiod")
    p.then("2026-06-26", "measure", key="besok", value="5")
    p.then("2026-06-26", "measure", key="deltagare", value="88")


def job_shadowing_preschool(t: Timeline) -> None:
    """Completed in 2024: Erasmus+ job shadowing for preschool teachers, with lessons learned."""
    p = t.case(
        "2024-01-24", OLLE, title="Jobbskuggning för förskollärare i Pielavesi (Erasmus+ 2024)",
        department="buf",
        summary="Tolv förskollärare jobbskuggar finska kollegor i en vecka; fokus utomhuspedagogik.",
        focus_area=["utbildning", "erfarenheter"], target_group=["medarbetare"],
        goal=["erfarenhet", "kontaktnat"], partner=["pielavesi"], budget="95000", competence=12,
    )
    p.then("2024-01-25", "explore")
    p.then("2024-01-31", "apply_for_funding", programme="Erasmus+ KA122 (kortsiktiga projekt, skola)",
           amount="5400", currency="EUR", rate="11.50")
    p.then("2024-02-01", "submit", body="bun")
    p.then("2024-02-16", "decide", body="bun", outcome="approved", meeting_date="2024-02-13", item="§ 9",
           case_number="BUN 2024/18", ceiling="95000")
    p.then("2024-05-27", "grant", application="A1", amount="5400", currency="EUR", rate="11.43")
    p.then("2024-06-03", "fund", own_contribution="33278")
    p.then("2024-06-03", "define_indicator", key="deltagare", name="Förskollärare som jobbskuggat",
           target="12", unit="personer")
    p.then("2024-06-03", "define_indicator", key="arbetssatt", name="Nya arbetssätt införda i förskolan",
           target="3", unit="arbetssätt")
    p.then("2024-06-10", "start")
    p.then("2024-06-14", "receive", application="A1", amount="4320", currency="EUR", rate="11.41")
    p.then("2024-09-23", "spend", amount="48600", category="resor",
           description="Jobbskuggning vecka 38–39, tolv förskollärare")
    p.then("2024-09-27", "measure", key="deltagare", value="12")
    p.then("2024-10-14", "spend", amount="6900", category="arrangemang",
           description="Spridningsträff för förskolans personal")
    p.then("2024-11-25", "measure", key="arbetssatt", value="3")
    p.then("2024-11-26", "receive", application="A1", amount="1080", currency="EUR", rate="11.46")
    p.then("2024-11-29", "complete",
           lessons="Utomhuspedagogiken från Pielavesi är införd på tre förskolor. Planera vikarier en termin "
                   "i förväg, och låt deltagarna själva leda spridningsträffen: det gav störst genomslag.")
    p.then("2025-01-20", "statement", year=2024,
           text="Tolv förskollärare jobbskuggade i Pielavesi; tre nya arbetssätt införda. Avslutat i "
                "november; Erasmus+ finansierade 65 % av kostnaderna.")


def business_contacts_chamber_of_commerce(t: Timeline) -> None:
    """Executing: business contacts coordinated by the chamber of commerce, Interreg Aurora funding
    granted and partly received; one condition fulfilled, the mid-term report overdue."""
    p = t.case(
        "2024-09-09", LENA,
        title="Nya kontaktytor i Nordkalotten: näringslivsprojekt med Handelskammaren (Interreg Aurora)",
        department="tillvaxt",
        summary="Matchmaking och företagsresor för Kalixföretag mot norra Finland och Norge, koordinerat av "
                "Norrbottens Handelskammare (\"en viktig samarbetspartner ... som kan koordinera projekt\").",
        focus_area=["naringsliv", "varumarke"], target_group=["naringsliv"],
        goal=["kontaktytor", "aktor", "anseende"], partner=["handelskammaren"], budget="1200000",
        jobs=15, competence=10,
    )
    p.then("2024-09-10", "explore")
    p.then("2024-09-30", "apply_for_funding", programme="Interreg Aurora", amount="68000", currency="EUR",
           rate="11.47")
    p.then("2024-10-07", "apply_for_funding", programme="Region Norrbotten, regionala utvecklingsmedel",
           amount="150000")
    p.then("2024-10-21", "submit", body="ks")
    p.then("2024-11-08", "decide", body="ks", outcome="approved-with-conditions", meeting_date="2024-11-05",
           item="§ 187", case_number="KS 2024/412", ceiling="1200000", posted="2024-11-07",
           condition=["Samverkansavtal med Handelskammaren om projektkoordinering tecknas före projektstart",
                      "Halvtidsutvärdering redovisas för kommunstyrelsen"],
           condition_due=["2025-03-31", "2026-09-30"])
    p.then("2025-01-22", "reject_funding", application="A2",
           why="Region Norrbotten prioriterade andra projekt i utlysningen")
    p.then("2025-01-28", "statement", year=2024,
           text="Beviljat av KS 2024-11-05 § 187. Ansökan till Interreg Aurora inlämnad; Region Norrbottens "
                "medel avslogs.")
    p.then("2025-02-12", "grant", application="A1", amount="68000", currency="EUR", rate="11.47")
    p.then("2025-02-20", "fund", own_contribution="420040")
    p.then("2025-02-20", "define_indicator", key="foretag", name="Kalixföretag i matchmaking", target="40",
           unit="företag")
    p.then("2025-02-20", "define_indicator", key="kontakter",
           name="Nya affärskontakter som lett till offert eller avtal", target="25", unit="kontakter")
    p.then("2025-02-27", "fulfil", obligation="O1", why="Samverkansavtalet undertecknat 2025-02-26")
    p.then("2025-03-03", "start")
    p.then("2025-03-28", "receive", application="A1", amount="20400", currency="EUR", rate="11.02")
    p.then("2025-04-14", "spend", amount="185000", category="köpta tjänster",
           description="Projektkoordinering Handelskammaren, första halvåret")
    p.then("2025-05-20", "spend", amount="96400", category="resor",
           description="Företagsresa till Uleåborg, 14 företag")
    p.then("2025-05-23", "measure", key="foretag", value="14")
    p.then("2025-10-08", "spend", amount="112300", category="arrangemang",
           description="Matchmakingdagar i Kalix med finska och norska företag")
    p.then("2025-10-10", "measure", key="foretag", value="29")
    p.then("2025-10-10", "measure", key="kontakter", value="9")
    p.then("2025-10-13", "spend", amount="175000", category="köpta tjänster",
           description="Projektkoordinering Handelskammaren, andra halvåret")
    p.then("2026-01-29", "statement", year=2025,
           text="29 Kalixföretag i matchmaking, 9 affärskontakter med offert eller avtal. Interreg Aurora "
                "beviljade 68 000 EUR; förskott utbetalt.")
    p.then("2026-02-16", "receive", application="A1", amount="17000", currency="EUR", rate="11.18")
    p.then("2026-04-21", "spend", amount="88200", category="resor", description="Företagsresa till Tromsø")
    p.then("2026-04-24", "measure", key="foretag", value="36")
    p.then("2026-04-24", "measure", key="kontakter", value="17")
    p.then("2026-09-14", "spend", amount="140000", category="köpta tjänster",
           description="Projektkoordinering Handelskammaren, 2026")


def pupil_exchanges_furuhedsskolan(t: Timeline) -> None:
    """Executing: Furuhedsskolan's pupil exchanges under Erasmus+, approved with a condition that
    was fulfilled before the grant arrived."""
    p = t.case(
        "2025-01-13", OLLE, title="Elevutbyten Furuhedsskolan – Erasmus+ 2025–2027", department="buf",
        summary="Furuhedsskolan har i många år haft elevutbyten; med Erasmus+-ackreditering utvecklas de med "
                "partnerskolor i Finland och Litauen, och lärare jobbskuggar hos partnerskolorna.",
        focus_area=["utbildning", "kontaktnat"], target_group=["skolungdomar", "medarbetare"],
        goal=["kontaktnat", "erfarenhet"], partner=["partnerskola-pielavesi", "partnerskola-litauen"],
        budget="420000", citizens=40, competence=8,
    )
    p.then("2025-01-14", "explore")
    p.then("2025-02-10", "apply_for_funding", programme="Erasmus+ KA121 (ackreditering, skola)",
           amount="18000", currency="EUR", rate="11.48")
    p.then("2025-03-03", "submit", body="bun")
    p.then("2025-03-21", "decide", body="bun", outcome="approved-with-conditions", meeting_date="2025-03-18",
           item="§ 22", case_number="BUN 2025/41", ceiling="420000", posted="2025-03-20",
           condition=["Rutin för elevurval och riskbedömning inför resorna redovisas för nämnden"],
           condition_due=["2025-06-30"])
    p.then("2025-06-12", "fulfil", obligation="O1", why="Rutinen redovisades för BUN 2025-06-10 § 41")
    p.then("2025-07-15", "grant", application="A1", amount="17200", currency="EUR", rate="11.10")
    p.then("2025-08-12", "fund", own_contribution="229080")
    p.then("2025-08-12", "define_indicator", key="elever", name="Elever i utbyte", target="40", unit="elever")
    p.then("2025-08-12", "define_indicator", key="larare", name="Lärare som jobbskuggat", target="8",
           unit="lärare")
    p.then("2025-08-18", "start")
    p.then("2025-09-05", "receive", application="A1", amount="13760", currency="EUR", rate="11.05")
    p.then("2025-10-06", "spend", amount="86500", category="resor",
           description="Elevutbyte i Litauen, tolv elever och två lärare")
    p.then("2025-10-10", "measure", key="elever", value="12")
    p.then("2025-10-10", "measure", key="larare", value="2")
    p.then("2026-01-26", "statement", year=2025,
           text="Första utbytet genomfört: tolv elever i Litauen. Erasmus+ beviljade 17 200 EUR, "
                "80 % utbetalt.")
    p.then("2026-03-16", "spend", amount="64200", category="arrangemang",
           description="Värdskap för finska partnerskolans elever i Kalix")
    p.then("2026-03-20", "measure", key="elever", value="24")
    p.then("2026-05-11", "spend", amount="42800", category="resor",
           description="Jobbskuggning i Pielavesi, fyra lärare")
    p.then("2026-05-15", "measure", key="larare", value="6")
    p.then("2026-09-28", "spend", amount="91300", category="resor",
           description="Elevutbyte i Finland, fjorton elever")
    p.then("2026-10-02", "measure", key="elever", value="38")


def investor_trip_rejected(t: Timeline) -> None:
    """Rejected in 2025 after a referral back for a funding plan."""
    p = t.case(
        "2025-03-10", LENA, title="Delegationsresa till Shanghai för att attrahera investerare",
        department="tillvaxt", focus_area=["naringsliv"], target_group=["naringsliv", "politiker"],
        goal=["kontaktytor"], budget="310000", jobs=5,
    )
    p.then("2025-03-11", "explore")
    p.then("2025-03-24", "submit", body="ksau")
    p.then("2025-04-10", "decide", body="ksau", outcome="returned", meeting_date="2025-04-08", item="§ 49",
           case_number="KS 2025/118", why="Återremiss: komplettera med finansieringsplan och förväntad nytta")
    p.then("2025-04-14", "submit", body="ksau")
    p.then("2025-05-08", "decide", body="ksau", outcome="rejected", meeting_date="2025-05-06", item="§ 70",
           case_number="KS 2025/118",
           why="Låg förväntad nytta för Kalixföretagen och ingen extern finansiering; resurserna prioriteras "
                  "till Nordkalottensamarbetet")


def teacher_exchange_withdrawn(t: Timeline) -> None:
    """Withdrawn in 2025: the partner school left; the exchange continues within Erasmus+."""
    p = t.case(
        "2025-02-03", OLLE, title="Lärarutbyte med partnerskola i Litauen (Nordplus)", department="buf",
        focus_area=["utbildning"], target_group=["medarbetare"], goal=["erfarenhet"],
        partner=["partnerskola-litauen"], budget="60000", competence=4,
    )
    p.then("2025-02-04", "explore")
    p.then("2025-05-19", "withdraw",
           reason="Partnerskolan drog sig ur efter en omorganisation; lärarutbytet ingår i stället i "
                  "Furuhedsskolans Erasmus+-projekt")


def vendace_roe_in_berlin(t: Timeline) -> None:
    """Approved on 2026-11-10; the appeal window ends 2026-12-03, so nothing is committed yet (R12)."""
    p = t.case(
        "2026-09-07", LENA, title="Kalix Löjrom på Grüne Woche i Berlin 2027", department="tillvaxt",
        summary="Gemensam monter med löjromsproducenterna (Kalix Löjrom, skyddad ursprungsbeteckning) som "
                "marknadsför varumärket Kalix och besöksnäringen.",
        focus_area=["varumarke", "naringsliv", "besoksnaring"], target_group=["naringsliv"],
        goal=["anseende", "kontaktytor"], partner=["handelskammaren"], budget="240000", jobs=3,
    )
    p.then("2026-09-08", "explore")
    p.then("2026-09-21", "apply_for_funding", programme="Region Norrbotten, regionala utvecklingsmedel",
           amount="80000")
    p.then("2026-10-19", "submit", body="ksau")
    p.then("2026-11-13", "decide", body="ksau", outcome="approved", meeting_date="2026-11-10", item="§ 152",
           case_number="KS 2026/301", ceiling="240000", posted="2026-11-12")
    p.then("2026-11-16", "define_indicator", key="kontakter", name="Kontakter med tyska importörer",
           target="20", unit="kontakter")


def nordplus_exchange_postponed(t: Timeline) -> None:
    """Awaiting decision: the board postponed it until the Nordplus answer is in."""
    p = t.case(
        "2026-08-24", OLLE, title="Nordplus Junior 2027: skolutbyte i naturvetenskap med Norge",
        department="buf",
        focus_area=["utbildning"], target_group=["skolungdomar"], goal=["kontaktnat"], budget="150000",
        citizens=30,
    )
    p.then("2026-08-25", "explore")
    p.then("2026-09-29", "apply_for_funding", programme="Nordplus Junior", amount="9500", currency="EUR",
           rate="11.02")
    p.then("2026-10-05", "submit", body="bun")
    p.then("2026-10-23", "decide", body="bun", outcome="postponed", meeting_date="2026-10-20", item="§ 58",
           case_number="BUN 2026/77", why="Bordlagt i väntan på besked om Nordplus-ansökan")


def climate_adaptation_outside_strategy(t: Timeline) -> None:
    """Outside every focus area: explored after the chief executive's mandate (R2)."""
    p = t.case(
        "2026-04-14", LENA, title="Erfarenhetsutbyte om klimatanpassning och vårflodsskydd med Torneå",
        department="klf", outside_strategy=True, target_group=["medarbetare"], goal=["erfarenhet"],
        summary="Översvämningsskydd längs Kalixälven: studiebesök och gemensam kartläggning med Torneå stad.",
        budget="85000", competence=6,
    )
    p.then("2026-04-29", "decide", body="kommunchef", outcome="approved", meeting_date="2026-04-28",
           item="Delegationsbeslut 2026:14", case_number="KS 2026/133",
           why="Utanför policyns fokusområden men viktigt för kommunens beredskap; uppdrag att utreda")
    p.then("2026-05-04", "explore")
    p.then("2026-09-15", "apply_for_funding", programme="Interreg Aurora, småprojekt", amount="6000",
           currency="EUR", rate="11.05")


def archipelago_tourism(t: Timeline) -> None:
    """In exploration: a pre-study on visitors from Germany."""
    p = t.case(
        "2026-06-08", LENA, title="Förstudie: Kalix skärgård för tyska besökare", department="tillvaxt",
        focus_area=["besoksnaring", "varumarke"], target_group=["naringsliv"], goal=["anseende"],
        budget="350000", jobs=4,
    )
    p.then("2026-06-09", "explore")


def ideas(t: Timeline) -> None:
    """Two fresh ideas, not yet explored."""
    t.case("2026-10-26", LENA, title="Sommarjobb för ungdomar i vänorterna", department="klf",
           focus_area=["kontaktnat", "rekrytering"], target_group=["skolungdomar"],
           goal=["kontaktnat", "rekrytering"], partner=["pielavesi", "rokiskis"], budget="120000", citizens=20)
    t.case("2026-11-16", OLLE, title="Rekrytering av lärare via nya invånares nätverk", department="buf",
           focus_area=["rekrytering", "nya-invanare"], target_group=["medarbetare"], goal=["rekrytering"])
