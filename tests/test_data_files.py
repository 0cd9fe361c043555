"""Every shipped data file loads, its codes are valid, its keys unique; trigger examples fire."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from chronique.events.ontology import TYPES
from chronique.events.triggers import compile_pattern
from chronique.lexicon import Lexicon
from chronique.lexicon.files import DATA_DIR, read_tsv

SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "BUS", "MED", "CVL", "COP", "JUD", "EDU", "REL",
           "LAB", "AGR", "REF", "ELI", "IGO", "NGO", "SPY", "CRM", "UAF", "HLH", "ENV", "LEG",
           "MNC", "INS", "SET", "MOD", "RAD"}
EXAMPLE_FLOOR = 0.9


def test_lexicon_loads_with_sizes():
    lexicon = Lexicon.load()
    assert lexicon.sizes["countries"] >= 195
    assert lexicon.sizes["demonym_rows"] >= 190
    assert lexicon.sizes["trigger_patterns"] >= 16 * 10


def test_tsv_files_have_valid_sectors_and_unique_keys():
    keys = {"metonyms.tsv": "form", "organisations.tsv": "id", "titles.tsv": "forms",
            "groups.tsv": "lemmas", "persons.tsv": "name"}
    for name, key in keys.items():
        path = DATA_DIR / "fr" / name
        rows = read_tsv(path)
        counts = Counter(r[key] for r in rows)
        assert not [k for k, n in counts.items() if n > 1], f"{name}: duplicate keys"
        for row in rows:
            sector = row["sector"]
            assert not sector or sector in SECTORS, f"{row.source}:{row.line}: sector {sector}"


def test_trigger_files_one_per_type_with_unique_ids():
    files = sorted((DATA_DIR / "fr" / "triggers").glob("*.yaml"))
    types = set()
    ids = Counter()
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        types.add(data["type"])
        for pattern in data["patterns"]:
            ids[pattern["id"]] += 1
            assert pattern.get("example"), f"{path.name}: {pattern['id']} has no example"
    assert types == set(TYPES)
    assert not [i for i, n in ids.items() if n > 1]


def test_trigger_examples_fire(coder):
    """Each pattern's example sentence is matched by that pattern (or its type)."""
    patterns = [compile_pattern(p) for p in coder.lexicon.triggers]
    docs = coder.nlp.pipe(p.example for p in patterns)
    misses = []
    for pattern, doc in zip(patterns, docs, strict=True):
        fired = {(t.pattern.id, t.pattern.type) for t in coder.matcher(list(doc))}
        if not any(pid == pattern.id or ptype == pattern.type for pid, ptype in fired):
            misses.append(pattern.id)
    rate = 1 - len(misses) / len(patterns)
    print(f"\ntrigger examples firing: {rate:.3f} of {len(patterns)}; misses: {misses[:30]}")
    assert rate >= EXAMPLE_FLOOR


def test_ontology_covers_every_type():
    lexicon = Lexicon.load()
    from chronique.events.ontology import Ontology

    ontology = Ontology(lexicon)
    for event_type in TYPES:
        coding = ontology.code(event_type, None)
        assert coding.cameo and coding.quad_class in {1, 2, 3, 4}
        assert coding.goldstein is not None


def test_user_lexicon_overrides_and_disables(tmp_path: Path):
    (tmp_path / "metonyms.tsv").write_text(
        "form\tiso3\tsector\tkind\tnote\tdisabled\nKoulouba\tMLI\tMIL\tseat\tjunta\t\n"
        "Matignon\tFRA\tGOV\tseat\t\tyes\n", encoding="utf-8")
    lexicon = Lexicon.load([tmp_path])
    assert lexicon.metonyms["koulouba"].sector == "MIL"
    assert "matignon" not in lexicon.metonyms
