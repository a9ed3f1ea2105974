"""The udsyn application: the event store, loading, authorising, idempotent saving."""
from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from copy import deepcopy
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import get_topic

from application.aggregate_cache import TakingRepository, taking_cache
from application.authorisation import authorise
from application.clock import Clock, SystemClock
from application.command_records import CommandRecords
from application.closed_years import ClosedYears
from application.command_meta import command_id
from application.context import Context
from application.ids import case_id
from application.saving import Saving
from domain.base import UdsynAggregate, deterministic_id
from domain.consistency import READ_VERSIONS, ClosedWhileWriting, StaleRead
from domain.errors import ConcurrentChange, InvalidInput, NotFound, RuleViolation, UdsynError
from domain.meta import Meta
from domain.money import Amount
from domain.organisation import Organisation, User
from domain.project import Project

def replay(aggregate: Any, events: Any) -> Any:
    """The library's projector without its per-event typing.Protocol isinstance check (an assert
    that costs ~15% of a command's CPU); our events are all UdsynAggregate events."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


if TYPE_CHECKING:
    from application.validation import Command
    from domain.strategy import Strategy, StrategyVersion

STRATEGY_ID = deterministic_id("strategy")  # Strategy.ID (a test holds them equal), without loading the
# strategy's module: a command that reads no strategy (showing a case) need not define its classes
SHARED = frozenset({Organisation.ID, STRATEGY_ID})  # read in place by every command: never taken (get)
_SHARED_INTS = frozenset(i.int for i in SHARED)  # an int hashes in C, a UUID by a Python method
Action = Callable[[], tuple[list[UdsynAggregate], dict[str, Any], Meta]]


# What a command decided on trust read, {the id's int (a UUID hashes by a Python method): (id, version)},
# and the aggregates it took out of the cache to change; what it does not write goes to the store.
Attempt = tuple[dict[int, tuple[UUID, int]], list[Any]]
_NO_ATTEMPT = (None,)  # a thread that has not run a command yet


class UdsynCore(CommandRecords, Saving):
    """Infrastructure-neutral core; the event store comes from the environment (--db)."""

    name = "udsyn"
    snapshotting_intervals = {Project: 50}  # and the case counter's, where commands number cases (ProjectCommands)
    # Aggregates stay cached between commands of one process; each get fast-forwards the cached copy
    # with any newer events from the store (so other writers are seen) and hands out a deep copy
    # (so a refused command cannot leave a half-changed aggregate in the cache). A command decided
    # on trust takes the aggregates it may change out of the cache instead of copying them (get).
    # The mapper writes the library's bytes by a faster path (infrastructure/transcoding.py).
    defaults = {"AGGREGATE_CACHE_MAXSIZE": "2000", "AGGREGATE_CACHE_FASTFORWARD": "y",
                "MAPPER_TOPIC": "infrastructure.transcoding:UdsynMapper"}

    def __init__(self, env: dict[str, str] | None = None, clock: Clock | None = None) -> None:
        super().__init__({**self.defaults, **(env or {})})
        self.clock: Clock = clock or SystemClock()
        self.closed_years = ClosedYears(self)
        # [the command this thread decides on trust (see _run), else None]: each thread's own list, set
        # at its first command (a read costs a third of a threading.local's; a ContextVar.set, six times).
        self._attempt: ContextVar[list[Attempt | None]] = ContextVar(f"udsyn_attempt_{id(self)}")
        self._checks_reads_at_write = bool(getattr(self.recorder, "checks_reads_at_write", False))
        takes = getattr(self.recorder, "takes_snapshots_from", None)
        self._notifies = type(self)._notify is not Application._notify  # a subclass that acts on saved events
        self._snapshots_with_events = bool(takes and self.snapshots is not None and takes(self.snapshots.recorder))

    def construct_repository(self) -> TakingRepository:
        """The library's repository and settings, as a TakingRepository with a LeanLRUCache (an
        UnboundedCache where AGGREGATE_CACHE_MAXSIZE is 0): both can take() an aggregate out."""
        library = super().construct_repository()
        repository = TakingRepository(
            library.event_store, snapshot_store=library.snapshot_store, fastforward=library.fastforward,
            fastforward_skipping=library.fastforward_skipping, deepcopy_from_cache=library.deepcopy_from_cache,
        )
        repository.cache = taking_cache(library.cache)
        return repository

    # --- running a command ------------------------------------------------------------------

    def _run(
        self,
        name: str,
        cmd: Command,
        ctx: Context,
        action: Action,
        target: str | None = None,
        permit: Callable[[], object] | None = None,
    ) -> dict[str, Any]:
        """Apply a command once: replay the stored result for a known command id (to an actor
        `permit` allows), else save its events and the command record in one transaction.

        A store that checks reads as it writes lets the command be decided first on the cached
        aggregates, without a query; if anything it read moved on meanwhile, or the decision was a
        refusal (which must never rest on a stale copy), it is decided again on fresh state."""
        fingerprint = ""
        if ctx.command_id:
            fingerprint = self._fingerprint(name, cmd, target)
            prior = self._prior_result(ctx.command_id, name, fingerprint)
            if prior is not None:
                if permit is not None:
                    permit()
                return prior
        if self._checks_reads_at_write:
            try:
                return self._decide_and_save(name, ctx, action, fingerprint, True)
            except (StaleRead, UdsynError):
                pass  # decided again below, on fresh state, whose answer stands
        return self._decide_and_save(name, ctx, action, fingerprint, False)

    def _decide_and_save(self, name: str, ctx: Context, action: Action, fingerprint: str,
                         trust: bool) -> dict[str, Any]:
        """One attempt. On `trust`, cached aggregates are trusted and the versions read are
        checked by the store as it writes (StaleRead); without, every load asks the store.
        What the attempt took out of the cache (get) goes back only once it is stored, or if
        the command left it unchanged: a failed attempt's aggregates are never cached."""
        reads: dict[int, tuple[UUID, int]] = {}
        taken: list[Any] = []
        if trust:
            try:
                attempt = self._attempt.get()
            except LookupError:  # this thread's first command
                attempt = [None]
                self._attempt.set(attempt)
            attempt[0] = (reads, taken)
            try:
                aggregates, result, meta = action()
            finally:
                attempt[0] = None
        else:
            aggregates, result, meta = action()
        options, must_be_open = self.closed_years.check(aggregates, meta.correction)  # R7
        if ctx.command_id:
            from domain.command_record import CommandRecord  # only commands with an id need it

            aggregates.append(CommandRecord.applied(name, fingerprint, result, meta))
        if reads:  # what it writes needs no check: its next version is unique in the store
            for aggregate in aggregates:
                reads.pop(aggregate._id.int, None)  # _id: the library's id property is a Python call
            options[READ_VERSIONS] = dict(reads.values())
        try:
            if self._notifies:
                self.save(*aggregates, **options)
            else:
                self._save(aggregates, options, False)  # no recordings
        except ClosedWhileWriting as closed:
            raise self.closed_years.closed_meanwhile(must_be_open, closed) from None
        except IntegrityError:
            if trust:
                raise StaleRead.written_meanwhile() from None  # decided again, fresh
            if ctx.command_id:
                prior = self._prior_result(ctx.command_id, name, fingerprint)
                if prior is not None:
                    return prior
            what = next((getattr(a, "ref", None) for a in aggregates if isinstance(a, Project)), None)
            raise ConcurrentChange(what or "the record") from None
        cache = self._repository.cache
        if cache is not None:  # what was just written is the newest state: the next command starts from it
            cache.put_aggregates(aggregates)
            if taken and taken != aggregates:  # usually equal: what it took is what it saved
                stored = set(map(id, aggregates))
                for aggregate in taken:  # taken to change, only read: back as it was
                    if id(aggregate) not in stored and not aggregate._pending_events:
                        cache.put(aggregate._id, aggregate)
        return result

    def _meta(self, ctx: Context, user: User) -> Meta:
        now = self.clock.now()
        correction = None if ctx.correction_of is None else self.closed_years.correction(ctx.correction_of)
        try:
            command = ctx.command_id or command_id.ready()  # a fresh id: a list.pop, no Python call
        except IndexError:  # the batch is spent
            command = command_id()
        on = ctx.on
        if on is None:
            on = now.date()
        elif on > now.date():
            self.after_today("date", on, now.date(), "a fact is recorded once it has happened")
        return Meta(user.name, user.role, command, now, on, ctx.reason, correction)

    def after_today(self, field: str, day: Any, today: Any, why: str) -> None:
        """`day` lies after `today`: invalid input, not a rule of the case (it is no fact yet), on a
        clock that refuses it (the wall clock; a pinned one stands still while dated steps go on)."""
        if self.clock.refuses_future_dates:
            raise InvalidInput(field, f"{day} is after today ({today}); {why}")

    # --- loading ----------------------------------------------------------------------------

    def get(self, aggregate_id: UUID, *, version: int | None = None, deepcopy_from_cache: bool = True) -> Any:
        """An aggregate from the repository (cached, fast-forwarded), replayed by `replay`. While a
        command is decided on trust (see _run) the cached aggregate is used as it is, and its
        version noted for the store to check when the command writes. One the command may change
        is taken out of the cache rather than deep-copied (_decide_and_save puts it back), unless
        other commands read it in place (SHARED): then it is copied."""
        place = aggregate_id.int  # the cache's slot for a UUID (aggregate_cache.slot)
        shared = place in _SHARED_INTS
        if not (deepcopy_from_cache or shared):
            raise ValueError(f"aggregate {aggregate_id} is not one read in place (SHARED)")
        attempt, repository = self._attempt.get(_NO_ATTEMPT)[0], self._repository  # the library's property is a call
        if attempt is not None and version is None and repository.cache is not None:
            slots = repository.cache.slots  # its operations inline: a cache method call cost more than they do
            try:
                if shared:
                    cached = slots[place]
                    slots.move_to_end(place)  # most recently used; a KeyError if evicted meanwhile: a miss
                else:
                    cached = slots.pop(place)  # taken: no other thread can have it now
            except KeyError:  # a miss (or an id not a UUID, kept elsewhere): the repository's way below
                pass
            else:
                attempt[0][place] = (aggregate_id, cached._version)
                if not shared:
                    attempt[1].append(cached)
                    return cached
                if not deepcopy_from_cache:
                    return cached
                return cached.__deepcopy__({}) if isinstance(cached, UdsynAggregate) else deepcopy(cached)
        aggregate = repository.get(aggregate_id, version=version, projector_func=replay,
                                   deepcopy_from_cache=deepcopy_from_cache)
        if attempt is not None:
            attempt[0][aggregate_id.int] = (aggregate_id, aggregate._version)
        return aggregate

    def organisation(self, for_change: bool = False) -> Organisation:
        """The organisation; a shared cached copy unless the caller will change it."""
        try:
            return self.get(Organisation.ID, deepcopy_from_cache=for_change)
        except AggregateNotFoundError:
            raise NotFound("no organisation here yet; run 'udsyn init' first") from None

    def strategy(self, for_change: bool = False) -> Strategy | None:
        """The strategy with all its versions; a shared cached copy unless it will be changed."""
        try:
            return self.get(STRATEGY_ID, deepcopy_from_cache=for_change)
        except AggregateNotFoundError:
            return None

    def strategy_on(self, day: Any) -> StrategyVersion:
        strategy = self.strategy()
        if strategy is None:
            raise RuleViolation("R1", "no strategy adopted yet; run 'udsyn strategy adopt FILE.toml'")
        return strategy.in_force_on(day)

    def load_project(self, ref: str, version: int | None = None) -> Project:
        try:
            return self.get(case_id(ref), version=version)
        except AggregateNotFoundError:
            raise NotFound(f"no project '{ref}'") from None

    @staticmethod
    def resolve_ref(ref: str) -> UUID:
        """A case reference (KAL-2026-0001) or the project's id."""
        return case_id(ref)

    def amount(self, org: Organisation, value: Any, currency: str | None, rate: Any, field: str = "amount") -> Amount:
        return Amount.of(value, currency or org.currency, org.currency, rate, field=field)

    def authorised(
        self, actor: str, permission: str, department: str | None = None, for_change: bool = False
    ) -> tuple[Organisation, User]:
        org = self.organisation(for_change)
        return org, authorise(org, actor, permission, department)

    def topic_of(self, event_class: type) -> str:
        return get_topic(event_class)
