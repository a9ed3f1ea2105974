"""A frozen dataclass's `__init__` that stores its fields straight into the instance's `__dict__`,
in the same order, with the same signature. The generated one calls `object.__setattr__` once per
field, which was most of what building an event, a Meta or an Amount cost on every command. The
library decodes stored events without calling `__init__`; our value objects decode through it."""
from __future__ import annotations

import builtins
import dataclasses
import functools
import inspect
import operator
import reprlib
from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import DomainEvent, MetaDomainEvent

from domain import dataclass_cache
from domain.memo import Memo

T = TypeVar("T")
_CHECK_ID = DomainEvent.__post_init__  # the library's: a TypeError unless originator_id is a UUID
_FACTORY = getattr(dataclasses, "_HAS_DEFAULT_FACTORY", None)  # the default that says "call the factory"


class FastInitEvent(MetaDomainEvent):
    """The library's event metaclass (every event a frozen dataclass), then the dataclass's
    `__init__` replaced by one that stores the fields in one dict (`fast_init`)."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        """MetaDomainEvent's steps without its two `inspect.signature` calls per class, ~5% of a
        read-only command's start-up: `__signature__` is worked out when asked (below), and
        `dataclasses` writes a class without a docstring one from its signature."""
        qualname = namespace.get("__qualname__", name)
        namespace.setdefault("__doc__", f"The event {qualname}: its fields are what it records.")
        cls = super(MetaDomainEvent, mcs).__new__(mcs, name, bases, namespace)
        return stores_fields(compared(dataclasses.dataclass(frozen=True, repr=False, eq=False)(cls)))

    @property
    def __signature__(cls) -> inspect.Signature:
        """What MetaDomainEvent stores on each class (its `__init__`'s, `self` included), when asked."""
        return inspect.signature(cls.__init__)


def compared(cls: type[T]) -> type[T]:
    """What `dataclass(frozen=True)` adds besides `repr=False, eq=False`: `__eq__`, `__hash__` and
    `__repr__` over the fields, each as the generated method does it, but one function for every
    event class instead of three compiled for each (~8% of a cold `project show`). Methods the
    class defines itself are kept, as `dataclasses` keeps them."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    cls.__udsyn_compared__ = _getter(compared)  # type: ignore[attr-defined]
    cls.__udsyn_hashed__ = _getter(hashed)  # type: ignore[attr-defined]
    cls.__udsyn_shown__ = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
    own = cls.__dict__
    class_hash = own.get("__hash__", dataclasses.MISSING)  # judged before __eq__ is added, as dataclasses does:
    # a __hash__ = None the class body wrote itself stays; the one Python writes beside an __eq__ does not
    explicit_hash = not (class_hash is dataclasses.MISSING or (class_hash is None and "__eq__" in own))
    if "__repr__" not in own:
        cls.__repr__ = _repr  # type: ignore[assignment]
    if "__eq__" not in own:
        cls.__eq__ = _eq  # type: ignore[assignment]
    if not explicit_hash:
        cls.__hash__ = _hash  # type: ignore[assignment]
    return cls


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as a tuple (attrgetter gives a lone value for one name)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        name = names[0]
        return lambda instance: (getattr(instance, name),)
    return lambda instance: ()


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        values = self.__class__.__udsyn_compared__
        return values(self) == values(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__class__.__udsyn_hashed__(self))


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__class__.__udsyn_shown__)
    return f"{self.__class__.__qualname__}({shown})"


def stores_fields(cls: type[T]) -> type[T]:
    """Class decorator for a frozen dataclass: its `__init__` replaced by `fast_init`'s where it
    applies, written when the class is first constructed (`settled_init`): a read-only command
    constructs few of the ~70 classes or none, and writing them all cost its start-up ~2 ms."""
    dataclass_init = cls.__dict__.get("__init__")
    if dataclass_init is not None:
        cls.__init__ = _on_first_construction(cls, dataclass_init)  # type: ignore[misc]
    return cls


def settled_init(cls: type) -> Any:
    """The `__init__` the class constructs with from now on: its fast one, written now if it is
    not yet, or the dataclass's own where `fast_init` does not apply."""
    waiting = cls.__dict__.get("__init__")
    dataclass_init = getattr(waiting, "awaits_construction", None)
    if dataclass_init is None:
        return cls.__init__  # type: ignore[misc]
    settled = fast_init(cls, dataclass_init) or dataclass_init
    if cls.__dict__.get("__init__") is waiting:  # another thread may have settled it meanwhile
        cls.__init__ = settled  # type: ignore[misc]
    return settled


def _on_first_construction(cls: type, dataclass_init: Any) -> Any:
    @functools.wraps(dataclass_init)  # its signature is the dataclass's (inspect follows __wrapped__)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        settled_init(cls)(self, *args, **kwargs)

    __init__.awaits_construction = dataclass_init  # type: ignore[attr-defined]
    return __init__


def replaced(record: T, **changes: Any) -> T:
    """`dataclasses.replace` for a frozen record that holds exactly its fields, all set by `__init__`
    (a test holds each record class replaced so to that): its `__init__` over its fields and the
    changes, without replace's walk over the field objects."""
    state = vars(record)
    if STORES_ONLY[type(record)] and changes.keys() <= state.keys():
        # What that __init__ would store, stored without the call: binding every field by keyword cost most.
        new = object.__new__(type(record))
        fresh = new.__dict__
        fresh.update(state)
        fresh.update(changes)
        return new
    return type(record)(**{**state, **changes})  # type: ignore[call-arg]


# Per class: whether its `__init__` stores its arguments in field order and does nothing else (its
# fast init applies and it has no `__post_init__`), so that an instance given every field is built
# by filling its `__dict__` in that order.
STORES_ONLY = Memo(lambda cls: hasattr(settled_init(cls), "dataclass_init")
                   and getattr(cls, "__post_init__", None) is None)


def fast_init(cls: type, dataclass_init: Any = None) -> Any:
    """An `__init__` for the frozen dataclass `cls` equal to the generated one (`dataclass_init`,
    by default the class's `__init__`); None where the
    generated one does more than store its arguments or call a default factory (a field left out
    of __init__ or an InitVar, a data descriptor named like a field, a __post_init__ other than
    the library's id check)."""
    dataclass_init = dataclass_init or cls.__init__
    fields = dataclasses.fields(cls)
    post_init = getattr(cls, "__post_init__", None)
    factories = [f for f in fields if f.default_factory is not dataclasses.MISSING]
    if post_init not in (None, _CHECK_ID) or (factories and _FACTORY is None) or any(
        not f.init or _is_data_descriptor(cls, f.name) for f in fields
    ):
        return None
    names = [f.name for f in fields]
    this = "__dataclass_self__" if "self" in names else "self"  # as dataclasses names it
    namespace: dict[str, Any] = {"__builtins__": builtins, "__name__": cls.__module__,
                                 "__udsyn_UUID__": UUID, "__udsyn_check_id__": _CHECK_ID}
    positional, keyword, expected = [], [], []
    for f in sorted(fields, key=lambda f: f.kw_only):  # keyword-only last, as dataclasses orders them
        param, default = f.name, _FACTORY if f in factories else f.default
        if default is not dataclasses.MISSING:
            namespace[f"__udsyn_default_{f.name}__"] = default
            param += f"=__udsyn_default_{f.name}__"
        (keyword if f.kw_only else positional).append(param)
        expected.append((f.name, f.kw_only, default))
    if "__udsyn_state__" in names or _parameters(dataclass_init) != expected:  # e.g. an InitVar more
        return None
    check = []
    if post_init is _CHECK_ID:  # run only where it can fail: it raises as the library words it
        check = ["    if type(originator_id) is not __udsyn_UUID__:", f"        __udsyn_check_id__({this})"]
    params = ", ".join([this, *positional, *(["*", *keyword] if keyword else [])])
    stores = []
    for f in fields:
        value = f.name
        if f in factories:  # called where the field is stored, as dataclasses does
            namespace[f"__udsyn_factory_{f.name}__"] = f.default_factory
            value = f"__udsyn_factory_{f.name}__() if {f.name} is __udsyn_default_{f.name}__ else {f.name}"
        stores.append(f"    __udsyn_state__[{f.name!r}] = {value}")
    source = "\n".join([f"def __init__({params}):", f"    __udsyn_state__ = {this}.__dict__",
                        *stores, *check, ""])
    _exec(source, namespace)
    init = namespace.pop("__init__")
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = dict(dataclass_init.__annotations__)  # inspect.signature() reads the same
    init.dataclass_init = dataclass_init  # what it stands for, which the tests compare it with
    return init


def _parameters(init: Any) -> list[tuple[str, bool, Any]] | None:
    """The parameters after self, read off the function's code: name, whether keyword-only, and
    default (dataclasses.MISSING for none); None for a function taking *args or **kwargs."""
    code = init.__code__
    if code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS):
        return None
    positional = code.co_argcount - 1
    names = code.co_varnames[1:code.co_argcount + code.co_kwonlyargcount]
    defaults = init.__defaults__ or ()
    given = dict(zip(names[positional - len(defaults):positional], defaults))
    given.update(init.__kwdefaults__ or {})
    return [(n, i >= positional, given.get(n, dataclasses.MISSING)) for i, n in enumerate(names)]


def _is_data_descriptor(cls: type, name: str) -> bool:
    """Whether the class attribute an instance's `name` would meet is a data descriptor, which
    the generated `__init__` sets through. Looked up in the classes' own dicts: most fields have
    no class attribute, and getattr would raise (and build) an AttributeError for each, at import."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            kind = type(klass.__dict__[name])
            return hasattr(kind, "__set__") or hasattr(kind, "__delete__")
    return False


def _exec(source: str, namespace: dict[str, Any]) -> None:
    """Compiled through the dataclass cache where it is installed (a warm start compiles nothing)."""
    cache = dataclass_cache.installed()
    if cache is not None:
        cache.exec(source, namespace)
    else:
        builtins.exec(dataclass_cache.compiled(source), namespace)
