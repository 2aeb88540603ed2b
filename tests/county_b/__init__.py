"""County B: a second test county (民权县, 河南 411421) written the way real county files look.

`generate(out_dir, month, seed, layout)` builds the clean records, computes the answers on them
(`answers.py`: the sample's reference computation, with last month's roll for M1), then writes the
county month in one of `LAYOUTS`: the rolls, the other offices' lists and the 一本通 payment file, and
last month's dibao roll in a folder beside it (`CountyB.previous_dir`). `score.py` compares recon's findings with the answers per rule.
"""

from tests.county_b.generate import LAYOUTS, CountyB, generate

__all__ = ["LAYOUTS", "CountyB", "generate"]
