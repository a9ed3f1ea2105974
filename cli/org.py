"""`udsyn org`: bodies, departments and users (R9)."""
from __future__ import annotations

import click

from cli.main import CONTEXT
from cli.options import change_options


@click.group(context_settings=CONTEXT)
def org():
    """The organisation: political bodies, departments, users and roles."""


@org.command("add-body", context_settings=CONTEXT)
@click.argument("key")
@click.option("--name", required=True)
@click.option("--kind", required=True, help="council, committee, board, or official (administrative decisions).")
@change_options
@click.pass_obj
def add_body(s, key, name, kind, date_, reason, command_id):
    """Register a deciding body.

    \b
    Example:
      udsyn org add-body ksau --name "Kommunstyrelsens arbetsutskott" --kind committee
    """
    s.emit(s.app.add_body(s.context(date_, reason, command_id), key=key, name=name, kind=kind),
           f"body {key} added")


@org.command("add-department", context_settings=CONTEXT)
@click.argument("key")
@click.option("--name", required=True)
@click.option("--board", required=True, help="Key of the board the department reports to.")
@change_options
@click.pass_obj
def add_department(s, key, name, board, date_, reason, command_id):
    """Register a department under its board.

    \b
    Example:
      udsyn org add-department buf --name "Barn- och utbildningsförvaltningen" --board bun
    """
    s.emit(s.app.add_department(s.context(date_, reason, command_id), key=key, name=name, board=board),
           f"department {key} added")


@org.command("add-user", context_settings=CONTEXT)
@click.argument("name")
@click.option("--role", required=True, help="admin, officer, auditor or reporter.")
@click.option("--department", multiple=True, help="A department an officer is appointed to (repeatable).")
@change_options
@click.pass_obj
def add_user(s, name, role, department, date_, reason, command_id):
    """Register a user with a role.

    \b
    Example:
      udsyn org add-user olle --role officer --department buf
    """
    s.emit(s.app.add_user(s.context(date_, reason, command_id), name=name, role=role,
                          department=list(department)), f"user {name} added as {role}")


@org.command("appoint", context_settings=CONTEXT)
@click.argument("name")
@click.option("--department", multiple=True, help="Department (repeatable); replaces the appointments.")
@change_options
@click.pass_obj
def appoint(s, name, department, date_, reason, command_id):
    """Set the departments an officer is appointed to.

    \b
    Example:
      udsyn org appoint olle --department buf --department kultur
    """
    s.emit(s.app.appoint(s.context(date_, reason, command_id), name=name, department=list(department)),
           f"{name} appointed to {', '.join(department) or 'no department'}")


@org.command("show", context_settings=CONTEXT)
@click.pass_obj
def show(s):
    """Show the municipality, its bodies, departments and users.

    \b
    Example:
      udsyn --json org show
    """
    from application.authorisation import READ

    o, _ = s.app.authorised(s.user, READ)
    data = {"name": o.name, "code": o.code, "country": o.country, "currency": o.currency,
            "language": o.language, "bodies": list(o.bodies.values()),
            "departments": list(o.departments.values()), "users": list(o.users.values())}
    lines = [f"{o.name} ({o.code}, {o.country}, {o.currency}, {o.language})", "", "Bodies:"]
    lines += [f"  {b.key:<14} {b.kind:<10} {b.name}" for b in o.bodies.values()]
    lines += ["", "Departments:"]
    lines += [f"  {d.key:<14} under {d.board:<10} {d.name}" for d in o.departments.values()]
    lines += ["", "Users:"]
    lines += [f"  {u.name:<14} {u.role:<10} {', '.join(u.departments)}" for u in o.users.values()]
    s.emit(data, "\n".join(lines))
