"""Prints one closing line for the Java tests from Maven Surefire's XML reports (mvn runs -q).

Exits non-zero when there is no report or no test ran.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

reports = sorted(Path(sys.argv[1]).glob("TEST-*.xml")) if len(sys.argv) > 1 else []
tests = failed = skipped = 0
for report in reports:
    suite = ET.parse(report).getroot()
    tests += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
passed = tests - failed - skipped
print(f"java: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(0 if tests and not failed else 1)
