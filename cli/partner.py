"""`udsyn partner`: the contact network (R10): twin towns, partner schools, business partners."""
from __future__ import annotations

import click

from cli.main import CONTEXT
from cli.options import DATE, REASON, change_options

KINDS = "twin-town, school, business, university, authority or ngo"
STATUSES = "active, dormant, suspended or ended"


@click.group(context_settings=CONTEXT)
def partner():
    """Partnerships: partners, their status history with dated reasons, contacts and projects."""


@partner.command("add", context_settings=CONTEXT)
@click.argument("key")
@click.option("--name", required=True, help="The partner's name.")
@click.option("--country", required=True, help="ISO 3166 country code, e.g. FI.")
@click.option("--kind", required=True, help=f"{KINDS}.")
@click.option("--established", help="Since when: YYYY, YYYY-MM or YYYY-MM-DD (its first status runs from it).")
@click.option("--description", default="", help="What the partnership is about.")
@click.option("--status", default="active", show_default=True, help=f"{STATUSES}.")
@change_options
@click.pass_obj
def add(s, key, date_, reason, command_id, **v):
    """Register a partner under KEY, the slug projects name it by (--partner KEY).

    \b
    Example:
      udsyn partner add pielavesi --name "Pielavesi kunta" --country FI \\
            --kind twin-town --established 1973
    """
    r = s.app.add_partner(s.context(date_, reason, command_id), key=key, **v)
    s.emit(r, f"partner {r['key']} added ({r['status']} since {r['since']})")


@partner.command("set-status", context_settings=CONTEXT)
@click.argument("key")
@click.argument("status")
@click.option("--reason", required=True, type=REASON, help="Why; kept in the status history (R10).")
@click.option("--date", "date_", type=DATE,
              help="From which date the status holds; default today.")
@click.option("--command-id", help="Idempotency key: the same id twice is applied once.")
@click.pass_obj
def set_status(s, key, status, reason, date_, command_id):
    """Set a partner's STATUS (active, dormant, suspended, ended) from a date, with a reason.
    A suspended or ended partner cannot be named by a new project (R10).

    \b
    Example:
      udsyn partner set-status kirovsk suspended --date 2022-03-03 \\
            --reason "Kontakterna vilar efter Rysslands invasion av Ukraina"
    """
    r = s.app.set_partner_status(s.context(date_, reason, command_id), key=key, status=status)
    s.emit(r, f"partner {r['key']} is {r['status']} since {r['since']}")


@partner.command("add-contact", context_settings=CONTEXT)
@click.argument("key")
@click.option("--name", required=True, help="The contact person's name.")
@click.option("--title", help="Their role at the partner, e.g. 'Kansainvälisten asioiden koordinaattori'.")
@click.option("--email")
@click.option("--phone")
@change_options
@click.pass_obj
def add_contact(s, key, date_, reason, command_id, **v):
    """Record a contact person at the partner KEY.

    \b
    Example:
      udsyn partner add-contact pielavesi --name "Aino Korhonen" --title Rehtori \\
            --email aino.korhonen@example.fi
    """
    r = s.app.add_contact(s.context(date_, reason, command_id), key=key, **v)
    s.emit(r, f"contact {v['name']} added to {r['key']}")


@partner.command("remove-contact", context_settings=CONTEXT)
@click.argument("key")
@click.option("--name", required=True, help="The contact person's name, as recorded.")
@change_options
@click.pass_obj
def remove_contact(s, key, name, date_, reason, command_id):
    """Remove a contact person from the partner KEY (the history keeps them).

    \b
    Example:
      udsyn partner remove-contact pielavesi --name "Aino Korhonen" --reason "Ny tjänst"
    """
    r = s.app.remove_contact(s.context(date_, reason, command_id), key=key, name=name)
    s.emit(r, f"contact {name} removed from {r['key']}")


@partner.command("show", context_settings=CONTEXT)
@click.argument("key")
@click.pass_obj
def show(s, key):
    """Show a partner: status history with dated reasons, contact persons, projects involving it.

    \b
    Example:
      udsyn --json partner show pielavesi
    """
    view = s.app.show_partner(s.user, key)
    p = view.partnership
    data = {
        "key": p.key, "name": p.name, "country": p.country, "kind": p.kind, "established": p.established,
        "description": p.description, "status": p.status, "since": p.current.on, "version": p.version,
        "history": [{"status": h.status, "on": h.on, "reason": h.reason} for h in p.history],
        "contacts": [{"name": c.name, "title": c.title, "email": c.email, "phone": c.phone}
                     for c in p.contacts.values()],
        "projects": [{"ref": x.ref, "title": x.title, "status": x.status, "department": x.department}
                     for x in view.projects],
    }
    lines = [
        f"{p.name} ({p.key}), {p.country}, {p.kind}" + (f", since {p.established}" if p.established else ""),
        *([p.description] if p.description else []),
        f"status: {p.status} since {p.current.on}",
        "",
        "status history:",
        *(f"  {h.on}  {h.status:<9} {h.reason or ''}".rstrip() for h in p.history),
        "contacts:",
        *(f"  {c.name}" + "".join(f", {x}" for x in (c.title, c.email, c.phone) if x) for c in p.contacts.values()),
        *([] if p.contacts else ["  none"]),
        "projects:",
        *(f"  {x.ref:<14} {x.status:<17} {x.title}" for x in view.projects),
        *([] if view.projects else ["  none"]),
    ]
    s.emit(data, "\n".join(lines))


@partner.command("list", context_settings=CONTEXT)
@click.option("--country", help="Only partners in this country (ISO 3166).")
@click.option("--status", help=f"Only partners that are {STATUSES}.")
@click.option("--kind", help=f"Only partners of this kind: {KINDS}.")
@click.pass_obj
def list_(s, **filters):
    """List partners, optionally by country, status or kind.

    \b
    Example:
      udsyn partner list --status active --country FI
    """
    partners = s.app.list_partners(s.user, **filters)
    rows = [{"key": p.key, "name": p.name, "country": p.country, "kind": p.kind, "status": p.status,
             "since": p.current.on, "established": p.established} for p in partners]
    text = "\n".join(f"{r['key']:<24} {r['country']}  {r['kind']:<10} {r['status']:<9} {r['since']}  {r['name']}"
                     for r in rows)
    s.emit(rows, text or "no partners")
