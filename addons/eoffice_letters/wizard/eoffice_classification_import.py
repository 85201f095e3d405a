import re

from odoo import models
from odoo.addons.eoffice_skpd.models.eoffice_tabular_import import NUMERIC_CELLS

# Columns of the file (first row); kode and nama are required. A retention or disposition
# column that is absent leaves that field untouched, so a file of codes and names alone
# never wipes retention set earlier; a column that is present but empty means "take the
# parent's" (0 years, no disposition), as on the form.
COLUMNS = ["kode", "nama", "retensi_aktif", "retensi_inaktif", "keterangan"]
REQUIRED_COLUMNS = ["kode", "nama"]
YEAR_COLUMNS = {"retensi_aktif": "active_years", "retensi_inaktif": "inactive_years"}
CODE_PATTERN = re.compile(r"[0-9]{3}(?:\.[0-9]+)*")
YEARS_PATTERN = re.compile(r"[+-]?[0-9]+")
DISPOSITIONS = {"musnah": "musnah", "permanen": "permanen", "dinilai kembali": "dinilai_kembali"}
# Set on a row whose code cell a spreadsheet stored as a number that is not a whole number
NUMERIC_CODE = "_kode_is_number"


class EofficeClassificationImport(models.TransientModel):
    """Import the archive classification list (Permendagri 83/2022) from CSV or XLSX.

    "Check" is a dry run that lists every bad row with its reason and what would change;
    "Import" writes nothing while a row is bad. Codes are matched on the code itself and
    each parent is derived from the code, so rows may come in any order and importing
    the same file twice changes nothing.
    """

    _name = "eoffice.classification.import"
    _inherit = "eoffice.tabular.import"
    _description = "Archive Classification Import"

    # ------------------------------------------------------------------ reading
    def _read_rows(self):
        """Return (columns, rows): the normalised header and [(row number, {column: text})].

        A code typed in a spreadsheet cell not formatted as text is stored as a number: 000.1
        comes back as 0.1 and 100.10 as 100.1, and nothing can tell which code was meant. Whole
        numbers can only be top-level codes (three digits), whose lost leading zeros are
        restored; other numbers are flagged so that the check reports them.
        """
        columns, rows = self._read_table(REQUIRED_COLUMNS, COLUMNS, code_columns=("kode",))
        for _number, row in rows:
            if "kode" in row.pop(NUMERIC_CELLS, []):
                if row["kode"].isdigit():
                    row["kode"] = f"{int(row['kode']):03d}"
                else:
                    row[NUMERIC_CODE] = True
        return columns, rows

    # ------------------------------------------------------------------ planning
    def _parse_years(self, column, value):
        """(years, problem) for a retention cell; empty means 0, i.e. the parent's retention."""
        if not value:
            return 0, None
        if not YEARS_PATTERN.fullmatch(value):
            return 0, self.env._("%(column)s must be a whole number of years, not %(value)s.",
                                 column=column, value=value)
        years = int(value)
        if years < 0:
            return 0, self.env._("%(column)s cannot be negative (%(value)s).", column=column, value=value)
        return years, None

    @staticmethod
    def _parent_code(code, known):
        """The longest code in known that is a dotted prefix of code, or None."""
        parts = code.split(".")
        for length in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:length])
            if prefix in known:
                return prefix
        return None

    def _plan(self):
        """Validate every row without writing anything.

        Returns (errors, plan, moves, existing): errors as [(row, code, [problems])]; plan as
        one dict per good row with its values, derived parent code, existing record and
        changes; moves as {new parent code: existing records not in the file that belong
        under it}; existing as {code: record} for every classification, archived included.
        """
        env = self.env
        columns, rows = self._read_rows()
        Classification = env["eoffice.archive.classification"].with_context(active_test=False)
        fetched = ["code", "name", "parent_id", "active_years", "inactive_years", "final_disposition"]
        existing = {record.code: record for record in Classification.search_fetch([], fetched)}
        items, first_row = [], {}
        for number, row in rows:
            code = row.get("kode", "")
            problems = []
            if row.get(NUMERIC_CODE):
                problems.append(env._(
                    "The code %(code)s is stored as a number in the spreadsheet, which loses zeros (000.1 becomes "
                    "0.1, 100.10 becomes 100.1); format the kode column as text and type the code again.", code=code))
            else:
                invalid = None
                if code and not CODE_PATTERN.fullmatch(code):
                    invalid = env._("The code %(code)s is not a classification code: expected groups of digits "
                                    "separated by dots, the first of three digits (e.g. 000.1.2).", code=code)
                problems += self._claim_code(code, number, first_row, invalid)
            vals = {"name": row.get("nama", "")}
            if not vals["name"]:
                problems.append(env._("The name is empty."))
            for column, field_name in YEAR_COLUMNS.items():
                if column in columns:
                    vals[field_name], problem = self._parse_years(column, row.get(column, ""))
                    if problem:
                        problems.append(problem)
            if "keterangan" in columns:
                raw = row.get("keterangan", "")
                vals["final_disposition"] = DISPOSITIONS.get(" ".join(raw.replace("_", " ").split()).lower(), False)
                if raw and not vals["final_disposition"]:
                    problems.append(env._("Unknown final disposition %(value)s (expected Musnah, Permanen or "
                                          "Dinilai Kembali).", value=raw))
            items.append({"line": number, "code": code, "vals": vals, "problems": problems})

        known = set(existing) | set(first_row)
        for item in items:
            code = item["code"]
            if first_row.get(code) != item["line"]:
                continue  # bad or repeated code: nothing to derive
            item["parent"] = self._parent_code(code, known)
            if "." in code and not item["parent"]:
                item["problems"].append(env._(
                    "The code %(code)s has no parent: add %(parent)s to the file or create it first.",
                    code=code, parent=code.rpartition(".")[0]))
        errors, plan = self._split_items(items, "code")

        for item in plan:
            item["record"] = existing.get(item["code"])
            item["changes"] = self._changes(item["record"], item["vals"], item["parent"]) if item["record"] else {}
        # An existing code outside the file whose missing intermediate level the file adds
        # moves under it, so that the tree does not depend on the order of imports.
        new_codes = {item["code"] for item in plan if not item["record"]}
        moves = {}
        if new_codes:
            in_file = {item["code"] for item in plan}
            for code, record in existing.items():
                if code in in_file:
                    continue
                parent = self._parent_code(code, known)
                if parent in new_codes:
                    moves.setdefault(parent, Classification)
                    moves[parent] |= record
        return errors, plan, moves, existing

    def _changes(self, record, vals, parent_code):
        """The subset of vals (plus parent_id, by code) that differs from the record."""
        changes = self._changed_values(record, vals)
        if (record.parent_id.code or None) != parent_code:
            changes["parent_id"] = parent_code
        return changes

    def _report(self, errors, plan, moves):
        new = sum(1 for item in plan if not item["record"])
        changed = sum(1 for item in plan if item["changes"])
        lines = [self.env._(
            "Rows read: %(rows)s; bad rows: %(bad)s; new codes: %(new)s; to update: %(changed)s; unchanged: "
            "%(unchanged)s; existing codes to move under a new parent: %(moved)s.",
            rows=len(plan) + len(errors), bad=len(errors), new=new, changed=changed,
            unchanged=len(plan) - new - changed, moved=sum(len(records) for records in moves.values()))]
        lines += self._error_lines(errors)
        return "\n".join(lines)

    def _error_lines(self, errors):
        return [self.env._("Row %(row)s (code %(code)s): %(problem)s", row=line, code=code or "-", problem=problem)
                for line, code, problems in errors for problem in problems]

    # ------------------------------------------------------------------ actions
    def action_check(self):
        """Dry run: report every bad row and what an import would change; write no classification."""
        self.ensure_one()
        errors, plan, moves, _existing = self._plan()
        self.write({"state": "checked", "report": self._report(errors, plan, moves), "error_count": len(errors)})
        return self._reopen()

    def action_import(self):
        """Create and update the classifications of the file, or refuse if any row is bad."""
        self.ensure_one()
        errors, plan, moves, existing = self._plan()
        if errors:
            self._refuse(errors)
        Classification = self.env["eoffice.archive.classification"].with_context(active_test=False)
        records = dict(existing)
        new_items = [item for item in plan if not item["record"]]
        # A parent's code is shorter than its child's: creating one depth at a time gives
        # every new child the id of its parent, in a handful of batched creates.
        for depth in sorted({item["code"].count(".") for item in new_items}):
            batch = [item for item in new_items if item["code"].count(".") == depth]
            created = Classification.create([
                {**item["vals"], "code": item["code"],
                 "parent_id": records[item["parent"]].id if item["parent"] else False}
                for item in batch])
            records.update(zip([item["code"] for item in batch], created, strict=True))
        # Rows with the same changes (typically retention fixed for a whole branch) share one write
        updates = {}
        for item in plan:
            if item["record"] and item["changes"]:
                changes = dict(item["changes"])
                if "parent_id" in changes:
                    changes["parent_id"] = records[changes["parent_id"]].id if changes["parent_id"] else False
                key = tuple(sorted(changes.items()))
                updates[key] = updates.get(key, Classification) | item["record"]
        for key, group in updates.items():
            group.write(dict(key))
        for parent_code, group in moves.items():
            group.write({"parent_id": records[parent_code].id})
        changed = sum(1 for item in plan if item["record"] and item["changes"])
        self.write({"state": "done", "error_count": 0, "report": self.env._(
            "Imported: %(created)s new classification(s), %(updated)s updated, %(unchanged)s unchanged; "
            "%(moved)s existing code(s) moved under a new parent.",
            created=len(new_items), updated=changed, unchanged=len(plan) - len(new_items) - changed,
            moved=sum(len(group) for group in moves.values()))})
        return self._reopen()
