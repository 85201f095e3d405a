"""The architecture document names only files that exist (a moved file must move in the docs too)."""
import os
import re
import unittest
from pathlib import Path

ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
MODULES = ("eoffice_skpd", "eoffice_letters", "eoffice_disposition", "eoffice_budget", "eoffice_audit")
PATH = re.compile(r"`((?:addons|models|controllers|views|wizard|tests|data|report)/[\w./-]+\.\w+)`")


class TestArchitectureDoc(unittest.TestCase):
    def test_every_named_path_exists(self):
        text = (ROOT / "docs" / "architecture.md").read_text()
        paths = PATH.findall(text)
        self.assertGreater(len(paths), 30)
        missing = [path for path in paths
                   if not (ROOT / path).exists() and not any((ROOT / "addons" / m / path).exists() for m in MODULES)]
        self.assertEqual(missing, [])
