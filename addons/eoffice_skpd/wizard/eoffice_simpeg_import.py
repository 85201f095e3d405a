from odoo import models
from odoo.exceptions import UserError, ValidationError

from ..models.eoffice_position import LEVELS
from ..models.hr_employee import GOLONGAN, parse_nip

# Columns of the SIMPEG layout (first row of the file); documented in readme/USAGE.md.
COLUMNS = ["nip", "nama", "skpd_kode", "unit_kode", "golongan", "jabatan", "jabatan_kode", "tingkat",
           "atasan_kode", "email"]
ROMAN_GOLONGAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}
LEVEL_ALIASES = {"i": "eselon_1", "ii": "eselon_2", "iii": "eselon_3", "iv": "eselon_4",
                 **{key: key for key, _label in LEVELS}}


class EofficeSimpegImport(models.TransientModel):
    """Import civil servants and their positions from a SIMPEG export (CSV or XLSX).

    "Check" is a dry run that lists every bad row with its reason and what would change;
    "Import" refuses to write anything while a row is bad, and matches employees by NIP
    and positions by SKPD + position code, so running it twice changes nothing.
    """

    _name = "eoffice.simpeg.import"
    _inherit = "eoffice.tabular.import"
    _description = "SIMPEG Import"

    # ------------------------------------------------------------------ reading
    def _read_rows(self):
        _columns, rows = self._read_table(["nip", "nama", "skpd_kode"], COLUMNS)
        return rows

    # ------------------------------------------------------------------ planning
    def _plan(self):
        """Validate every row; return (errors, plan) without writing anything."""
        rows = self._read_rows()
        env = self.env
        companies = {c.skpd_code: c for c in env["res.company"].search([("skpd_code", "!=", False)])}
        departments = {(d.company_id.id, d.unit_code): d
                       for d in env["hr.department"].search([("unit_code", "!=", False)])}
        nips = [r.get("nip", "").replace(" ", "") for _i, r in rows]
        employees = {e.nip: e for e in
                     env["hr.employee"].with_context(active_test=False).search([("nip", "in", nips)])}
        positions = {(p.company_id.id, p.code): p
                     for p in env["eoffice.position"].with_context(active_test=False).search([("code", "!=", False)])}
        golongan_keys = {key for key, _label in GOLONGAN}
        errors, plan, seen = [], [], {}
        file_positions = set()
        for line, row in rows:
            nip = row.get("nip", "").replace(" ", "")
            problems = []
            try:
                parse_nip(env, nip)
            except ValidationError as exc:
                problems.append(exc.args[0])
            if nip in seen:
                problems.append(env._("NIP %(nip)s already appears on row %(row)s.", nip=nip, row=seen[nip]))
            seen[nip] = line
            if not row.get("nama"):
                problems.append(env._("The name is empty."))
            company = companies.get(row.get("skpd_kode"))
            if not company:
                problems.append(env._("No SKPD has the code %(code)s.", code=row.get("skpd_kode")))
            department = False
            if company and row.get("unit_kode"):
                department = departments.get((company.id, row["unit_kode"]))
                if not department:
                    problems.append(env._("SKPD %(skpd)s has no unit with the code %(code)s.",
                                          skpd=company.name, code=row["unit_kode"]))
            golongan = False
            if row.get("golongan"):
                raw = row["golongan"].upper().replace(" ", "")
                roman, _sep, letter = raw.partition("/")
                golongan = ROMAN_GOLONGAN.get(roman, "") + letter.lower()
                if golongan not in golongan_keys:
                    problems.append(env._("Unknown rank %(value)s (expected I/a to IV/e).", value=row["golongan"]))
            level = False
            if row.get("jabatan"):
                if not row.get("jabatan_kode"):
                    problems.append(env._("The position %(name)s needs a position code (jabatan_kode).",
                                          name=row["jabatan"]))
                level = LEVEL_ALIASES.get((row.get("tingkat") or "pelaksana").strip().lower())
                if not level:
                    problems.append(env._("Unknown level %(value)s (expected II, III, IV, fungsional or pelaksana).",
                                          value=row.get("tingkat")))
                if company:
                    file_positions.add((company.id, row.get("jabatan_kode")))
            if problems:
                errors.append((line, nip, problems))
                continue
            plan.append({"line": line, "nip": nip, "row": row, "company": company, "department": department,
                         "golongan": golongan, "level": level, "employee": employees.get(nip),
                         "position": positions.get((company.id, row.get("jabatan_kode")))})
        known_codes = {code for (_cid, code) in positions} | {code for (_cid, code) in file_positions}
        for item in plan:
            superior = item["row"].get("atasan_kode")
            if superior and superior not in known_codes:
                errors.append((item["line"], item["nip"],
                               [env._("No position has the superior code %(code)s.", code=superior)]))
        bad_lines = {line for line, _nip, _p in errors}
        return sorted(errors), [p for p in plan if p["line"] not in bad_lines], positions

    def _employee_vals(self, item):
        row = item["row"]
        vals = {"name": row["nama"], "nip": item["nip"], "company_id": item["company"].id,
                "department_id": item["department"].id if item["department"] else False,
                "golongan": item["golongan"] or False}
        if row.get("email"):
            vals["work_email"] = row["email"]
        return vals

    def _report(self, errors, plan):
        created = sum(1 for p in plan if not p["employee"])
        lines = [self.env._("Rows read: %(rows)s; bad rows: %(bad)s; new employees: %(new)s; existing: %(old)s.",
                            rows=len(plan) + len(errors), bad=len(errors), new=created, old=len(plan) - created)]
        for line, nip, problems in errors:
            for problem in problems:
                lines.append(self.env._("Row %(row)s (NIP %(nip)s): %(problem)s", row=line, nip=nip, problem=problem))
        return "\n".join(lines)

    # ------------------------------------------------------------------ actions
    def action_check(self):
        self.ensure_one()
        errors, plan, _positions = self._plan()
        self.write({"state": "checked", "report": self._report(errors, plan), "error_count": len(errors)})
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        errors, plan, positions = self._plan()
        if errors:
            self.write({"state": "checked", "report": self._report(errors, plan), "error_count": len(errors)})
            raise UserError(self.env._("Nothing was imported: %(count)s row(s) are bad. Run the check, correct the "
                                       "file and import again.", count=len(errors)))
        Employee = self.env["hr.employee"]
        stats = {"created": 0, "updated": 0, "unchanged": 0}
        new_items = [p for p in plan if not p["employee"]]
        created = Employee.create([self._employee_vals(p) for p in new_items])
        for item, employee in zip(new_items, created, strict=True):
            item["employee"] = employee
        stats["created"] += len(new_items)
        for item in plan:
            if item in new_items:
                continue
            changes = self._changed_values(item["employee"], self._employee_vals(item))
            if changes:
                item["employee"].write(changes)
                stats["updated"] += 1
            else:
                stats["unchanged"] += 1
        Position = self.env["eoffice.position"]
        to_create = []
        for item in plan:
            row = item["row"]
            if not row.get("jabatan"):
                continue
            vals = {"name": row["jabatan"], "code": row["jabatan_kode"], "company_id": item["company"].id,
                    "department_id": item["department"].id if item["department"] else False,
                    "level": item["level"], "employee_id": item["employee"].id}
            if item["position"]:
                changes = self._changed_values(item["position"], vals)
                if changes:
                    item["position"].write(changes)
            else:
                to_create.append((item, vals))
        for (item, _vals), position in zip(to_create, Position.create([v for _i, v in to_create]), strict=True):
            item["position"] = position
            positions[(item["company"].id, position.code)] = position
        by_code = {code: pos for (_cid, code), pos in positions.items()}
        moves = {}  # superior -> the positions to put under it, written in one go per superior
        for item in plan:
            superior_code = item["row"].get("atasan_kode")
            if item["position"] and superior_code:
                superior = positions.get((item["company"].id, superior_code)) or by_code.get(superior_code)
                if item["position"].parent_id != superior:
                    moves[superior] = moves.get(superior, Position) | item["position"]
        for superior, subordinates in moves.items():
            subordinates.write({"parent_id": superior.id})
        self.write({"state": "done", "error_count": 0, "report": self.env._(
            "Imported: %(created)s new employee(s), %(updated)s updated, %(unchanged)s unchanged; "
            "%(positions)s new position(s).", positions=len(to_create), **stats)})
        return self._reopen()
