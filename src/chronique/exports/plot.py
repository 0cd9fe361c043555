"""The cooperation/conflict time series of a corpus, drawn with matplotlib (file output)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def plot_series(counts: pd.DataFrame, path: str | Path, *, title: str, unit: str,
                by: str) -> Path:
    """Draw counts per period by quad class and the mean Goldstein score; writes ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = counts.dropna(subset=["period"]).sort_values("period")
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 6), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 1.4]})
    x = pd.to_datetime(data["period"])
    styles = [("verbal_cooperation", "#4c9be8", "-"), ("material_cooperation", "#1b5fa8", "-"),
              ("verbal_conflict", "#f0a04b", "--"), ("material_conflict", "#c0392b", "--")]
    for column, color, line in styles:
        top.plot(x, data[column], line, marker="o", color=color, label=column.replace("_", " "))
    top.set_ylabel(f"{unit}s per {by}")
    top.set_title(title)
    top.legend(loc="upper left", fontsize=8, ncol=2)
    top.grid(alpha=0.3)
    colors = ["#1b5fa8" if v >= 0 else "#c0392b" for v in data["mean_goldstein"].fillna(0)]
    width = {"day": 0.8, "week": 5, "month": 20, "year": 200}.get(by, 5)
    bottom.bar(x, data["mean_goldstein"].fillna(0), color=colors, width=width)
    bottom.axhline(0, color="black", linewidth=0.6)
    bottom.set_ylabel("mean Goldstein")
    bottom.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
