"""What the report keeps of a log's events, taken one event at a time.

A log can hold a million events; the report must not. Each event passes
once and leaves behind only what the report prints: the timeline's first
and last entries (the middle of a very long session is counted, not kept),
the leading proposal's scores each time they change, the chart's points
(thinned to what an SVG can draw once there are too many), concessions,
round starts and the back channel's counts.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from tabletop.engine.events import Event
from tabletop.engine.history import Leader, Sampler, concession
from tabletop.exercise.model import Exercise
from tabletop.log.trust import TrustedEvents
from tabletop.narration.events import STAGES, event_words
from tabletop.narration.names import actor_name
from tabletop.report.model import Concession, Entry, Leading, TimelineGap

TIMELINE_HEAD = 1000
"""Timeline entries kept from the start of a session..."""
TIMELINE_TAIL = 1000
"""...and from its end; those between are counted and left out."""
CHART_POINTS = 2000
"""Most points of a chart's line: past that, more only blur a few hundred pixels."""


@dataclass
class Gathered:
    """The part of a log's events a report shows."""

    events: int = 0
    timeline: list[Entry] = field(default_factory=list)
    gap: TimelineGap | None = None
    """Where the timeline's middle was left out, if it was."""
    annotations: list[Entry] = field(default_factory=list)
    changes: list[Leading] = field(default_factory=list)
    """The leading proposal and its scores, each time they change."""
    leading: list[Leading] = field(default_factory=list)
    """The chart's points: one an event, or thinned (see `thinned`)."""
    thinned: bool = False
    concessions: dict[str, list[Concession]] = field(default_factory=dict)
    round_starts: list[tuple[int, int]] = field(default_factory=list)
    back_channel: dict[str, dict[str, int]] = field(default_factory=dict)


def gather(exercise: Exercise, events: TrustedEvents, reveal: bool) -> Gathered:
    """Go through a log's checked `events` once, keeping what the report (of this audience)
    shows; the chart samples the table the audit leaves after each."""
    roles = exercise.role_ids
    sampler = Sampler(roles)
    found = Gathered(
        concessions={r: [] for r in roles},
        back_channel={s: dict.fromkeys(roles, 0) for s in roles},
    )
    tail: deque[tuple[Event, int]] = deque(maxlen=TIMELINE_TAIL)
    per_event: list[Leading] | None = []
    shown = 0
    last_key: tuple[object, ...] | None = None
    last: Leader | None = None
    for event in events:
        found.events += 1
        table = events.table
        leader = sampler.leader(event, table)
        # The leader is the same tuple while it cannot have changed (talk, most of a
        # long log): only a new one is compared, and a point made when it is kept.
        changed = False
        if leader is not last:
            last = leader
            key = (leader[0], *leader[1].values())
            changed, last_key = key != last_key, key
        if changed or per_event is not None:
            point = Leading(event.seq, table.round, *leader)
            if changed:
                found.changes.append(point)
            if per_event is not None:
                per_event.append(point)
                if len(per_event) > CHART_POINTS:
                    per_event = None
        made = concession(event, table)
        if made is not None:
            found.concessions[event.actor].append(made)
        kind = event.kind
        if kind == "round_started":
            found.round_starts.append((event.seq, event.payload["round"]))
        elif kind == "messaged":
            found.back_channel[event.actor][event.payload["to"]] += 1
        elif kind == "annotated" and reveal:
            found.annotations.append(entry(exercise, event, table.round, reveal))
        if reveal or event.visible_to is None:
            shown += 1
            if shown <= TIMELINE_HEAD:
                found.timeline.append(entry(exercise, event, table.round, reveal))
            else:
                tail.append((event, table.round))
    left_out = shown - len(found.timeline) - len(tail)
    if left_out:
        found.gap = TimelineGap(len(found.timeline), left_out)
    found.timeline += [entry(exercise, e, round_, reveal) for e, round_ in tail]
    if per_event is not None:
        found.leading = per_event
    else:
        found.leading, found.thinned = thin(found.changes, found.events), True
    return found


def thin(changes: list[Leading], events: int) -> list[Leading]:
    """At most about CHART_POINTS of a step line's changes: the last in each stretch of events.

    A last point at the final event carries the line to the chart's edge.
    """
    stretch = -(-events // CHART_POINTS)
    kept: dict[int, Leading] = {}
    for point in changes:
        kept[(point.seq - 1) // stretch] = point
    points = list(kept.values())
    if points and points[-1].seq != events:
        last = points[-1]
        points.append(Leading(events, last.round, last.proposal, last.scores))
    return points


def entry(exercise: Exercise, event: Event, round_: int, reveal: bool) -> Entry:
    """One line of the timeline, with the private inject texts only when revealed."""
    private: list[str] = []
    withheld = 0
    if event.kind == "inject_fired":
        texts = exercise.inject(event.payload["inject"]).private
        if reveal:
            private = [f"{actor_name(exercise, r)}: {t.strip()}" for r, t in texts.items()]
        else:
            withheld = len(texts)
    return Entry(
        seq=event.seq,
        round=round_,
        kind=event.kind,
        words=event_words(exercise, event),
        marker=event.kind in STAGES,
        private=private,
        withheld=withheld,
    )
