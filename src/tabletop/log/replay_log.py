"""What the replay viewer keeps of a log: read once, checked once, held in little memory.

One pass reads the log, checks its hash chain and replays its rules
(`TrustedEvents`, as `log verify` and the report do), and keeps only:

- the table after every `every` events (a checkpoint), so any position is a
  checkpoint's table with fewer than `every` events folded onto it;
- where each block of `every` events starts in the file and the hash its
  first line chains from: a block is read again when it is shown, and its
  chain checked again against the hashes kept, so an event shown is the event
  that was checked (the last block, still growing, is kept in memory);
- the positions of round starts, of injects and of the events each role saw,
  so a jump or another viewer needs no scan of the whole log;
- each role's score of the leading proposal wherever it changes, in arrays.

A million events cost some tens of MiB, not the GiB their objects would. The
pass may run in a thread while the viewer shows what has been checked so far:
`count` only grows, and a position is shown only once it is counted.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import overload

from tabletop.collector import paused
from tabletop.engine.events import Event
from tabletop.engine.history import Leader, LeadingPoint, Sampler
from tabletop.engine.state import Table
from tabletop.engine.view import events_for
from tabletop.log.errors import LogError
from tabletop.log.format import Header
from tabletop.log.reader import LogProblem, LogStream, open_log
from tabletop.log.trust import TrustedEvents

EVERY = 1000
"""Events between checkpoints: a step back folds at most this many, some milliseconds."""
BLOCKS_KEPT = 16
"""Blocks of events kept read, most recently used first: a few screens of any timeline."""
CHART_POINTS = 1000
"""Most points of a chart's line: a terminal's braille dots can show no more."""
_NONE = -(2**31)
"""A score of None (nothing on the table) in the chart's arrays."""


class ReplayLog:
    """A trusted log kept for replay; `read` checks it, `count` says how far so far."""

    def __init__(self, path: Path, every: int = EVERY) -> None:
        """Reads the header only; raises LogError if not even that can be trusted."""
        with open_log(path) as stream:
            self.header: Header = stream.header
            self._key = stream.key
        self.path = path
        self.every = every
        self.count = 0
        """Events checked so far: every position up to it can be shown."""
        self.done = False
        self.halted = False
        """The pass ended on a LogError: what is past `count` could not be read."""
        self.problem: LogProblem | None = None
        """Where the log stops being trustworthy, once `done`."""
        self.receipt: str | None = None
        """The hash of the last line, once `done`, when the whole log is trusted."""
        exercise = self.header.session_exercise
        self.roles = exercise.role_ids
        self.round_starts: list[tuple[int, int]] = []
        """(round, position just after it began), in order."""
        self.injects: list[Event] = []
        self._seen = {role: array("I") for role in self.roles}
        self._messages = {role: array("I") for role in self.roles}
        self._changes = array("I")
        """The positions where the chart's line changes: the leader, its scores or the round."""
        self._rounds = array("I")
        self._leaders = array("i")
        self._scores = {role: array("i") for role in self.roles}
        """The round, the leading proposal and each role's score of it from each change on."""
        self._leader: Leader | None = None
        self._tables: list[Table] = [Table(exercise)]
        self._starts: list[tuple[int, str]] = []
        """Each block's offset in the file and the hash its first line chains from."""
        self._tail: list[Event] = []
        self._blocks: OrderedDict[int, Sequence[Event]] = OrderedDict()
        self._lock = threading.Lock()
        self._stopped = False

    def stop(self) -> None:
        """Have a `read` under way stop at its next checkpoint, the log left unfinished."""
        self._stopped = True

    # The pass ------------------------------------------------------------------

    def read(self) -> None:
        """Read, check and index the whole log; raises LogError if it cannot be read."""
        try:
            self._read()
        except LogError:
            self.halted = True
            raise

    def _read(self) -> None:
        with open_log(self.path, key=self._key) as stream, paused():
            if stream.header != self.header:
                raise LogError(f"{self.path}: the log was replaced while it was being opened")
            self._starts.append((stream.good_bytes, stream.last_hash))
            sampler = Sampler(self.roles)
            checked = TrustedEvents(stream, stream, keep_events=False)
            for event in checked:
                self._take(event, checked.table, sampler)
                checkpoint = event.seq % self.every == 0
                if checkpoint:
                    with self._lock:
                        self._tables.append(checked.table.copy())
                        self._starts.append((stream.good_bytes, stream.last_hash))
                        self._tail = []
                self.count = event.seq
                if checkpoint and self._stopped:
                    return
        self.problem, self.receipt = checked.problem, checked.receipt
        self.done = True

    def _take(self, event: Event, table: Table, sampler: Sampler) -> None:
        """Index one checked event (`table` the table it left) and the chart's line after it."""
        seq = event.seq
        self._tail.append(event)
        kind = event.kind
        if kind == "round_started":
            self.round_starts.append((event.payload["round"], seq))
        elif kind == "inject_fired":
            self.injects.append(event)
        # The audit has held `visible_to` to the rules': None, or roles named once each.
        for role in self.roles if event.visible_to is None else event.visible_to:
            self._seen[role].append(seq)
            if kind == "messaged":
                self._messages[role].append(seq)
        leader = sampler.leader(event, table)
        if leader is not self._leader or table.round != self._rounds[-1]:
            # Most events (talk) leave the line as it was: only its changes are kept.
            self._leader = leader
            proposal, scores = leader
            self._rounds.append(table.round)
            self._leaders.append(_NONE if proposal is None else proposal)
            for role, score in scores.items():
                self._scores[role].append(_NONE if score is None else score)
            self._changes.append(seq)  # last: a change is read once its position is here

    # Reading back ----------------------------------------------------------------

    def checkpoint(self, position: int) -> tuple[int, Table]:
        """The last checkpoint at or before `position`: its position and a copy of its table."""
        index = min(position // self.every, len(self._tables) - 1)
        return index * self.every, self._tables[index].copy()

    def event(self, seq: int) -> Event:
        """Event `seq` (1 to `count`); raises LogError if the file changed since it was checked."""
        index, offset = divmod(seq - 1, self.every)
        return self._block(index)[offset]

    def events(self, start: int, end: int) -> Iterator[Event]:
        """The events after position `start` up to and including position `end`."""
        seq = start + 1
        while seq <= end:
            index, offset = divmod(seq - 1, self.every)
            block = self._block(index)
            stop = min(len(block), offset + end - seq + 1)
            yield from block[offset:stop]
            seq += stop - offset

    def _block(self, index: int) -> Sequence[Event]:
        with self._lock:
            if index >= len(self._starts) - 1:
                return self._tail
        block = self._blocks.get(index)
        if block is None:
            block = self._blocks[index] = self._read_block(index)
            if len(self._blocks) > BLOCKS_KEPT:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(index)
        return block

    def _read_block(self, index: int) -> tuple[Event, ...]:
        """A whole block read again, its chain checked from the hash before it to the next."""
        (offset, last), (_, end) = self._starts[index], self._starts[index + 1]
        changed = f"{self.path}: the log changed on disk since it was checked: open it again"
        try:
            with self.path.open("rb") as file:
                file.seek(offset)
                stream = LogStream.resumed(
                    self.path, file, self.header, self._key, index * self.every, last
                )
                block = tuple(islice(stream, self.every))
        except OSError as error:
            raise LogError(f"{self.path}: cannot read: {error.strerror}") from None
        if len(block) != self.every or stream.last_hash != end:
            raise LogError(changed)
        return block

    # Indexes -------------------------------------------------------------------------

    def seen(self, role: str | None, upto: int) -> Sequence[Event]:
        """The events `role` saw up to position `upto`, as it was told them (None: Control, all)."""
        if role is None:
            return Stretch(self, None, upto, None)
        seqs = self._seen[role]
        return Stretch(self, seqs, bisect_right(seqs, upto), role)

    def messages(self, role: str, upto: int) -> Sequence[Event]:
        """The private messages `role` sent or was sent, up to position `upto`."""
        seqs = self._messages[role]
        return Stretch(self, seqs, bisect_right(seqs, upto), role)

    def leading(self, upto: int) -> list[LeadingPoint]:
        """The leading proposal's scores after the events up to `upto`, at most CHART_POINTS:
        past that, the scores at the end of each stretch of events (a step line's last change).
        """
        count = min(upto, self.count)
        stretch = -(-count // CHART_POINTS) or 1
        picks = [min(end, count) for end in range(stretch, count + stretch, stretch)]
        points = []
        for seq in picks:
            change = bisect_right(self._changes, seq) - 1
            leader = self._leaders[change]
            points.append(
                LeadingPoint(
                    seq=seq,
                    round=self._rounds[change],
                    proposal=None if leader == _NONE else leader,
                    scores={r: _score(self._scores[r][change]) for r in self.roles},
                )
            )
        return points


def _score(value: int) -> int | None:
    return None if value == _NONE else value


class Stretch(Sequence[Event]):
    """Some of a log's events, read when asked for: a lazy timeline for one viewer.

    Each is told as `events_for` tells it to the role (Control: as it is).
    """

    def __init__(self, log: ReplayLog, seqs: Sequence[int] | None, length: int, role: str | None):
        self._log, self._seqs, self._length, self._role = log, seqs, length, role

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Event]: ...
    def __getitem__(self, index: int | slice) -> Event | Sequence[Event]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        if self._seqs is None or self._role is None:
            return self._log.event(index + 1)
        (told,) = events_for([self._log.event(self._seqs[index])], self._role)
        return told
