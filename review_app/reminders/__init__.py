"""Reminders: scheduled checks that tell people what is due or late, run by the `reminders` periodic job.

Every notification a reminder stores carries a deduplication key naming what it is about and the occasion
(the record, the due date it reminds of, the person), so a reminder computed again (the next run, a restarted
worker, a second scheduler) stores nothing new and sends nothing twice.

How a feature adds its reminder (the registration point; expert pool: the rating reminder; litigation: the
hearing eve and the reconsideration reply deadline): one function, decorated, in a module of the feature,
and that module's name in MODULES below:

    from review_app.reminders import reminder

    @reminder("hearing_eve")
    def hearing_eve(today: date) -> int:
        '''The working day before a hearing, the department head by SMS.'''
        n = 0
        for hearing, head in ...:
            n += notify(head, "reminder.hearing_eve", "lawsuit", hearing.lawsuit_id, link,
                        f"reminder.hearing_eve:{hearing.id}:{hearing.on}:{head.id}", title, body,
                        channels=(Channel.sms, Channel.email)) is not None
        return n

The function gets the local date, stores notifications through `notifications.operations.notify` (or, for
a sweep that may find thousands, `notify_many` with a list of `Message`, as the stage reminders do) and returns
how many it stored; the job commits after each reminder (one failing reminder does not hold up the others).
Helpers shared by reminders: `next_working_day(today)` and `directors(district_id)` in reminders.people.
"""
import importlib
from collections.abc import Callable
from datetime import date

REGISTRY: dict[str, Callable[[date], int]] = {}

MODULES = (
    "review_app.reminders.stages",    # a stage due the next working day; overdue escalation to the director
    "review_app.reminders.letters",   # supervision letters: reply due the next working day, reply overdue
    "review_app.reminders.digest",    # the daily digest for those who asked for it (profile)
    # expert pool: "review_app.experts_admin.reminders",  litigation: "review_app.litigation.reminders"
)


def reminder(name: str):
    """Register `func(today) -> int` as the reminder `name` (names are unique)."""
    def register(func):
        if REGISTRY.get(name, func) is not func:
            raise ValueError(f"reminder {name} is registered twice")
        REGISTRY[name] = func
        return func
    return register


def load() -> dict[str, Callable[[date], int]]:
    """Every registered reminder, its module imported."""
    for module in MODULES:
        importlib.import_module(module)
    return REGISTRY
