import re

from odoo import fields, models
from odoo.addons.eoffice_skpd.models.eoffice_tabular_import import NUMERIC_CELLS
from odoo.exceptions import UserError

from ..models.eoffice_budget_code import CODE_PATTERN, code_level, parent_code
from ..models.eoffice_budget_price_item import STANDARD_TYPES

CODE_COLUMNS = {
    "program": ["kode", "nama", "kinerja", "indikator", "satuan", "kode_lama"],
    "account": ["kode", "nama", "kode_lama"],
    "price": ["kode", "nama", "spesifikasi", "satuan", "harga", "jenis", "wilayah", "akun", "komponen"],
}
REQUIRED = {"program": ["kode", "nama"], "account": ["kode", "nama"],
            "price": ["kode", "nama", "satuan", "harga", "jenis", "akun"]}
TEXT_COLUMNS = ("kode", "kode_lama", "akun")
LIST_SEPARATORS = re.compile(r"[\s|]+")
# Rupiah as spreadsheets write it: 55000, 55.000, 55,000.00 or 55.000,50
AMOUNT_PATTERN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def parse_amount(text):
    """A rupiah amount as a float, or None. The last separator followed by one or two digits is the
    decimal point; every other separator groups thousands."""
    text = (text or "").replace(" ", "").removeprefix("Rp").removeprefix("rp")
    if not AMOUNT_PATTERN.fullmatch(text):
        return None
    match = re.search(r"[.,]([0-9]{1,2})$", text)
    if match:
        whole, decimals = text[:match.start()], match.group(1)
    else:
        whole, decimals = text, "0"
    return float(re.sub(r"[.,]", "", whole) + "." + decimals)


class EofficeBudgetImport(models.TransientModel):
    """Import a code list (program nomenclature or accounts) of one regulation, or the price standard
    of one fiscal year, from CSV or XLSX. "Check" is a dry run; "Import" writes nothing while a row
    is bad; importing the same file twice changes nothing."""

    _name = "eoffice.budget.import"
    _inherit = "eoffice.tabular.import"
    _description = "Budget Code and Price Standard Import"

    import_type = fields.Selection([("program", "Program Nomenclature"), ("account", "Accounts"),
                                    ("price", "Price Standard")], string="Import", required=True, default="program")
    regulation_id = fields.Many2one("eoffice.budget.regulation", string="Regulation",
                                    help="The regulation whose codes the file holds.")
    fiscal_year_id = fields.Many2one("eoffice.budget.fiscal.year", string="Fiscal Year",
                                     help="The fiscal year of the price standard.")
    account_regulation_id = fields.Many2one(
        related="fiscal_year_id.regulation_id", string="Accounts From",
        help="Price standard items are mapped to the accounts of the fiscal year's code list.")

    # ------------------------------------------------------------------ planning
    def _plan(self):
        self.ensure_one()
        kind = self.import_type
        if kind == "price":
            if not self.fiscal_year_id:
                raise UserError(self.env._("Choose the fiscal year of the price standard."))
            if not self.fiscal_year_id.regulation_id:
                raise UserError(self.env._("Set the code list of %(year)s first: items are mapped to its accounts.",
                                           year=self.fiscal_year_id.name))
        elif not self.regulation_id:
            raise UserError(self.env._("Choose the regulation that issued the codes."))
        columns, rows = self._read_table(REQUIRED[kind], CODE_COLUMNS[kind], TEXT_COLUMNS)
        return self._plan_prices(columns, rows) if kind == "price" else self._plan_codes(kind, columns, rows)

    def _numeric_problems(self, row):
        return [self.env._("The %(column)s cell is stored as a number in the spreadsheet, which loses zeros "
                           "(1.10 becomes 1.1); format the column as text and type the code again.", column=column)
                for column in row.get(NUMERIC_CELLS, [])]

    def _plan_codes(self, kind, columns, rows):
        env = self.env
        Code = env["eoffice.budget.code"].with_context(active_test=False)
        fetched = ["code", "name", "output", "indicator", "uom", "parent_id", "successor_ids"]
        existing = {record.code: record for record in Code.search_fetch(
            [("regulation_id", "=", self.regulation_id.id), ("kind", "=", kind)], fetched)}
        previous = self.regulation_id.previous_id
        old_codes = {}
        if "kode_lama" in columns:
            wanted = {code for _n, row in rows for code in LIST_SEPARATORS.split(row.get("kode_lama", "")) if code}
            if wanted and not previous:
                raise UserError(self.env._("The file maps old codes (kode_lama), but %(regulation)s does not say which "
                                           "regulation it replaces.", regulation=self.regulation_id.name))
            if wanted:
                old_codes = {record.code: record for record in Code.search(
                    [("regulation_id", "=", previous.id), ("kind", "=", kind), ("code", "in", list(wanted))])}
        items, first_row = [], {}
        for number, row in rows:
            code = row.get("kode", "")
            invalid = None
            if code and not (CODE_PATTERN.fullmatch(code) and code_level(kind, code)):
                invalid = env._("%(code)s is not a code of this list: expected dotted groups of digits at one "
                                "of its levels.", code=code)
            problems = self._numeric_problems(row) + self._claim_code(code, number, first_row, invalid)
            vals = {"name": row.get("nama", "")}
            if not vals["name"]:
                problems.append(env._("The name is empty."))
            if kind == "program":
                for column, field_name in (("kinerja", "output"), ("indikator", "indicator"), ("satuan", "uom")):
                    if column in columns:
                        vals[field_name] = row.get(column) or False
            olds = [old for old in LIST_SEPARATORS.split(row.get("kode_lama", "")) if old]
            unknown = [old for old in olds if old not in old_codes]
            if unknown:
                problems.append(env._("Old code(s) %(codes)s are not in %(regulation)s.", codes=", ".join(unknown),
                                      regulation=previous.name))
            items.append({"line": number, "code": code, "vals": vals, "olds": olds, "problems": problems})
        known = set(existing) | set(first_row)
        for item in items:
            code = item["code"]
            if first_row.get(code) != item["line"]:
                continue
            item["parent"] = parent_code(kind, code)
            if item["parent"] and item["parent"] not in known:
                item["problems"].append(env._("The code %(code)s has no parent: add %(parent)s to the file.",
                                              code=code, parent=item["parent"]))
        errors, plan = self._split_items(items, "code")
        for item in plan:
            record = existing.get(item["code"])
            item["record"] = record
            item["changes"] = self._changed_values(record, item["vals"]) if record else {}
            item["new_olds"] = [old_codes[old] for old in item["olds"]
                                if not record or old_codes[old] not in record.predecessor_ids]
        return errors, plan, existing

    def _plan_prices(self, columns, rows):
        env = self.env
        year = self.fiscal_year_id
        Item = env["eoffice.budget.price.item"].with_context(active_test=False)
        existing = {record.code: record for record in Item.search_fetch(
            [("fiscal_year_id", "=", year.id)],
            ["code", "name", "specification", "uom", "price", "standard_type", "region", "account_ids"])}
        env.cr.execute("SELECT code, id FROM eoffice_budget_code WHERE regulation_id = %s AND kind = 'account' "
                       "AND level = 'sub_rincian_objek'", [year.regulation_id.id])
        accounts = dict(env.cr.fetchall())
        types = {key for key, _label in STANDARD_TYPES}
        items, first_row = [], {}
        for number, row in rows:
            code = row.get("kode", "")
            problems = self._numeric_problems(row) + self._claim_code(code, number, first_row)
            price = parse_amount(row.get("harga", ""))
            if price is None:
                problems.append(env._("The price %(price)s is not an amount in rupiah.", price=row.get("harga") or "-"))
            standard = (row.get("jenis") or "").strip().lower()
            if standard not in types:
                problems.append(env._("The standard %(value)s is not one of SSH, SBU, HSPK, ASB.",
                                      value=row.get("jenis") or "-"))
            account_codes = [code for code in LIST_SEPARATORS.split(row.get("akun", "")) if code]
            unknown = [code for code in account_codes if code not in accounts]
            if not account_codes:
                problems.append(env._("The item is mapped to no account (akun)."))
            elif unknown:
                problems.append(env._("Account(s) %(codes)s are not sub rincian objek of %(regulation)s.",
                                      codes=", ".join(unknown), regulation=year.regulation_id.name))
            for column, label in (("nama", "nama"), ("satuan", "satuan")):
                if not row.get(column):
                    problems.append(env._("The %(column)s cell is empty.", column=label))
            components = []
            for part in LIST_SEPARATORS.split(row.get("komponen", "")):
                if not part:
                    continue
                component, _sep, quantity = part.partition(":")
                try:
                    components.append((component, float(quantity.replace(",", ".") or 1)))
                except ValueError:
                    problems.append(env._("The component %(part)s is not written code:quantity.", part=part))
            if components and standard != "hspk":
                problems.append(env._("Only an HSPK item has components."))
            vals = {"name": row.get("nama", ""), "specification": row.get("spesifikasi") or False,
                    "uom": row.get("satuan", ""), "price": price, "standard_type": standard,
                    "region": row.get("wilayah") or False}
            items.append({"line": number, "code": code, "vals": vals, "accounts": sorted(
                accounts[code] for code in set(account_codes) if code in accounts),
                "components": components, "problems": problems})
        ssh_codes = set(existing) | {item["code"] for item in items if item["vals"]["standard_type"] == "ssh"}
        for item in items:
            missing = [code for code, _quantity in item["components"] if code not in ssh_codes]
            if missing:
                item["problems"].append(env._("Component(s) %(codes)s are not SSH items of the file or of %(year)s.",
                                              codes=", ".join(missing), year=year.name))
        errors, plan = self._split_items(items, "code")
        for item in plan:
            record = existing.get(item["code"])
            item["record"] = record
            changes = {}
            if record:
                # an HSPK item's price follows its components, whatever the file says
                vals = {name: value for name, value in item["vals"].items()
                        if not (name == "price" and item["components"])}
                changes = self._changed_values(record, vals)
                if sorted(record.account_ids.ids) != item["accounts"]:
                    changes["account_ids"] = [(6, 0, item["accounts"])]
            item["changes"] = changes
        return errors, plan, existing

    def _report(self, errors, plan):
        new = sum(1 for item in plan if not item["record"])
        changed = sum(1 for item in plan if item["changes"])
        lines = [self.env._("Rows read: %(rows)s; bad rows: %(bad)s; new: %(new)s; to update: %(changed)s; "
                            "unchanged: %(unchanged)s.", rows=len(plan) + len(errors), bad=len(errors), new=new,
                            changed=changed, unchanged=len(plan) - new - changed)]
        return "\n".join(lines + self._error_lines(errors))

    # ------------------------------------------------------------------ actions
    def action_check(self):
        """Dry run: report every bad row and what an import would change; write nothing."""
        errors, plan, _existing = self._plan()
        self.write({"state": "checked", "report": self._report(errors, plan), "error_count": len(errors)})
        return self._reopen()

    def action_import(self):
        errors, plan, existing = self._plan()
        if errors:
            self._refuse(errors)
        if self.import_type == "price":
            created = self._import_prices(plan, existing)
        else:
            created = self._import_codes(plan, existing)
        changed = sum(1 for item in plan if item["record"] and item["changes"])
        self.write({"state": "done", "error_count": 0, "report": self.env._(
            "Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.",
            created=created, updated=changed, unchanged=len(plan) - created - changed)})
        return self._reopen()

    def _import_codes(self, plan, existing):
        Code = self.env["eoffice.budget.code"].with_context(active_test=False)
        records = dict(existing)
        new_items = [item for item in plan if not item["record"]]
        for depth in sorted({len(item["code"].split(".")) for item in new_items}):
            batch = [item for item in new_items if len(item["code"].split(".")) == depth]
            created = Code.create([
                {**item["vals"], "code": item["code"], "kind": self.import_type,
                 "regulation_id": self.regulation_id.id,
                 "parent_id": records[item["parent"]].id if item["parent"] else False}
                for item in batch])
            records.update(zip([item["code"] for item in batch], created, strict=True))
        for item in plan:
            if item["record"] and item["changes"]:
                item["record"].write(item["changes"])
            for old in item["new_olds"]:
                old.successor_ids = [(4, records[item["code"]].id)]
        return len(new_items)

    def _import_prices(self, plan, existing):
        Item = self.env["eoffice.budget.price.item"].with_context(active_test=False)
        new_items = [item for item in plan if not item["record"]]
        year = self.fiscal_year_id.id
        # an HSPK item's price is the sum of its components, computed once they exist
        created = Item.create([
            {**{name: value for name, value in item["vals"].items() if name != "price" or not item["components"]},
             "code": item["code"], "fiscal_year_id": year, "account_ids": [(6, 0, item["accounts"])]}
            for item in new_items])
        records = dict(existing)
        records.update(zip([item["code"] for item in new_items], created, strict=True))
        for item in plan:
            if item["record"] and item["changes"]:
                item["record"].write(item["changes"])
        with_components = [item for item in plan if item["components"] and sorted(item["components"]) != sorted(
            (line.component_id.code, line.quantity) for line in records[item["code"]].component_ids)]
        if with_components:
            Item.browse([records[item["code"]].id for item in with_components]).component_ids.unlink()
            self.env["eoffice.budget.price.component"].create([
                {"item_id": records[item["code"]].id, "component_id": records[code].id, "quantity": quantity}
                for item in with_components for code, quantity in item["components"]])
        return len(new_items)
