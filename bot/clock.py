"""Points in time as the stores take them: None (now), a UNIX timestamp, or a datetime."""

from __future__ import annotations

import datetime as dt
import time

Moment = float | int | dt.datetime | None


def to_timestamp(moment: Moment) -> float:
    """UNIX seconds; a naive datetime is taken as UTC."""
    if moment is None:
        return time.time()
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        return moment.timestamp()
    return float(moment)
