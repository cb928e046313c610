#!/usr/bin/env python3
"""Write crates/fovea-core/data/icd10_eye.tsv from the CDC ICD-10-CM tabular list.

The tabular list comes from the PyPI package `simple-icd-10-cm`, which ships the CDC XML unchanged. Output is one
code per line, `code<TAB>description<TAB>billable`, sorted by code, dotted codes (`H40.1131`), no header, UTF-8.
`billable` is 1 for a leaf of the tabular list (a code that can be reported), 0 for a heading.

Usage: python3 dev/icd10/extract.py [OUTPUT]   (default: crates/fovea-core/data/icd10_eye.tsv from the repo root)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import simple_icd_10_cm as cm

# Chapter VII "Diseases of the eye and adnexa" (H00-H59) entirely.
CHAPTER = "7"
# Families outside chapter VII that eye clinics code with: each root and everything beneath it.
FAMILIES = [
    "E10.3",  # type 1 diabetes with ophthalmic complications (diabetic retinopathy, macular oedema)
    "E11.3",  # type 2 diabetes with ophthalmic complications
    "E13.3",  # other specified diabetes with ophthalmic complications
    "Z01.0",  # encounter for examination of eyes and vision
    "Z46.0",  # fitting of spectacles and contact lenses
    "Z83.511",  # family history of glaucoma
    "Z83.518",  # family history of other specified eye disorder
    "Z96.1",  # presence of intraocular lens
    "Z97.3",  # presence of spectacles and contact lenses
    "Z98.4",  # cataract extraction status
    "Z98.83",  # filtering (vitreous) bleb after glaucoma surgery status
    "Q10", "Q11", "Q12", "Q13", "Q14", "Q15",  # congenital malformations of eye, adnexa and orbit
    "S05",  # injury of eye and orbit
    "T15",  # foreign body on external eye
    "T26",  # burn and corrosion confined to eye and adnexa
]


def clean(text: str) -> str:
    """A few CDC descriptions carry line breaks; the TSV needs one line per code."""
    return re.sub(r"\s+", " ", text).strip()


def codes() -> list[str]:
    """Every code (not chapter or block heading) under the roots, dotted, sorted, each once."""
    out: set[str] = set()
    for root in [CHAPTER] + FAMILIES:
        if not cm.is_valid_item(root):
            sys.exit(f"{root} is not in this ICD-10-CM release; update FAMILIES.")
        items = ([] if cm.is_chapter_or_block(root) else [root]) + cm.get_descendants(root)
        out.update(cm.add_dot(c) for c in items if not cm.is_chapter_or_block(c))
    return sorted(out)


def main() -> None:
    root = Path(__file__).resolve().parents[2]
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "crates/fovea-core/data/icd10_eye.tsv"
    rows = []
    for code in codes():
        desc = clean(cm.get_description(code))
        if not desc:
            sys.exit(f"{code} has no usable description.")
        rows.append(f"{code}\t{desc}\t{1 if cm.is_leaf(code) else 0}\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(rows), encoding="utf-8")
    h = sum(r.startswith("H") for r in rows)
    source = getattr(cm.simple_icd_10_cm, "_classification_data_package_file_name", "unknown release")
    print(f"wrote {len(rows)} codes ({h} H00-H59, {len(rows) - h} others) from {source} to {target}")


if __name__ == "__main__":
    main()
