"""Event records as a CSV download that a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from fastapi.responses import Response

CSV_FORMULA = ("=", "+", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value and (value.startswith(CSV_FORMULA) or (
            value[0] == "-" and not re.fullmatch(r"-\d+(\.\d+)?", value))):
        return "'" + value
    return value


def csv_response(records: list[dict[str, Any]], filename: str) -> Response:
    """The records as ``chronique code --format csv`` columns, as an attachment."""
    from chronique.exports.writers import CSV_COLUMNS, flat_row

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow({k: csv_cell(v) for k, v in flat_row(record).items()})
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
