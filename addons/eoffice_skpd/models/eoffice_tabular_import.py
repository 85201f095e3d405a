import base64
import csv
import io

from odoo import fields, models
from odoo.exceptions import UserError

# Bad rows quoted in the refusal of "Import"; "Check" lists them all
ERRORS_IN_REFUSAL = 20
# Key set on a row read from XLSX: the code columns whose cell held a number, not text
NUMERIC_CELLS = "_numeric_cells"


class EofficeTabularImport(models.AbstractModel):
    """Shared by the e-Office import wizards: a CSV or XLSX file, a dry run ("Check") that
    lists every bad row, and an import that writes nothing while a row is bad.

    CSV is read as UTF-8 with a comma or a semicolon (what spreadsheets set to the Indonesian
    locale save); XLSX through openpyxl (already an Odoo dependency). Headers are matched
    case-insensitively with spaces read as underscores, so "Kode Lama" is ``kode_lama``.
    """

    _name = "eoffice.tabular.import"
    _description = "e-Office File Import"

    file = fields.Binary(string="File", required=True)
    filename = fields.Char(string="File Name")
    state = fields.Selection([("draft", "Draft"), ("checked", "Checked"), ("done", "Imported")],
                             string="Status", default="draft", required=True)
    report = fields.Text(string="Report", readonly=True)
    error_count = fields.Integer(string="Bad Rows", readonly=True)

    def _read_table(self, required, expected, code_columns=()):
        """Return (columns, rows): the normalised header and [(row number, {column: text})].

        A cell of a code column that a spreadsheet stored as a number (1.10 becomes 1.1) is
        kept as text but its column is listed under NUMERIC_CELLS, for the caller to refuse.
        """
        data = base64.b64decode(self.file or b"")
        if (self.filename or "").lower().endswith(".xlsx"):
            table = self._read_xlsx_table(data)
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise UserError(self.env._("The CSV file must be encoded in UTF-8.")) from exc
            first_line = text.split("\n", 1)[0]
            delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
            table = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
        if not table:
            raise UserError(self.env._("The file is empty."))
        columns = ["_".join(str(cell).lower().split()) for cell in table[0]]
        missing = [column for column in required if column not in columns]
        if missing:
            raise UserError(self.env._("The file lacks the columns: %(columns)s. Expected columns: %(expected)s.",
                                       columns=", ".join(missing), expected=", ".join(expected)))
        rows = []
        for number, cells in enumerate(table[1:], start=2):
            row, numeric = {}, []
            for column, value in zip(columns, cells, strict=False):
                if not isinstance(value, str):
                    if column in code_columns:
                        numeric.append(column)
                    value = str(value)
                row[column] = value
            if all(value == "" for value in row.values()):
                continue
            if numeric:
                row[NUMERIC_CELLS] = numeric
            rows.append((number, row))
        return set(columns), rows

    def _read_xlsx_table(self, data):
        """Cells of the active sheet: text stays text, numbers stay numbers (whole floats as int)."""
        try:
            import openpyxl
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            raw = [list(row) for row in book.active.iter_rows(values_only=True)]
            book.close()
        except Exception as exc:
            raise UserError(self.env._("The XLSX file could not be read: %(error)s", error=exc)) from exc
        table = []
        for cells in raw:
            row = []
            for value in cells:
                if value is None:
                    value = ""
                elif isinstance(value, float) and value.is_integer():
                    value = int(value)
                elif isinstance(value, str):
                    value = value.strip()
                elif not isinstance(value, int | float):
                    value = str(value)
                row.append(value)
            table.append(row)
        if table:
            table[0] = [str(cell) for cell in table[0]]
        return table

    def _claim_code(self, code, number, first_row, invalid=None):
        """The problems of a row's key code: empty, invalid (the caller's message, or None when
        the code is well formed) or already on an earlier row. A good code is claimed for its
        row in first_row ({code: row number})."""
        if not code:
            return [self.env._("The code is empty.")]
        if invalid:
            return [invalid]
        if code in first_row:
            return [self.env._("The code %(code)s already appears on row %(row)s.", code=code, row=first_row[code])]
        first_row[code] = number
        return []

    @staticmethod
    def _split_items(items, key):
        """(errors, plan): [(row, item[key], problems)] for the items with problems, and the others."""
        errors = [(item["line"], item[key], item["problems"]) for item in items if item["problems"]]
        return errors, [item for item in items if not item["problems"]]

    @staticmethod
    def _changed_values(record, vals):
        """The subset of vals that differs from the record (many2one compared by id)."""
        changed = {}
        for name, value in vals.items():
            current = record[name]
            current = current.id if isinstance(current, models.BaseModel) else current
            if (current or False) != (value or False):
                changed[name] = value
        return changed

    def _error_lines(self, errors):
        """errors: [(row number, key, [problems])]."""
        return [self.env._("Row %(row)s (%(key)s): %(problem)s", row=line, key=key or "-", problem=problem)
                for line, key, problems in errors for problem in problems]

    def _refuse(self, errors):
        """Raise the refusal of an import with bad rows, quoting the first of them."""
        problems = self._error_lines(errors)
        message = self.env._("Nothing was imported: %(count)s row(s) are bad. Correct the file and import again; "
                             "the check lists every bad row.", count=len(errors))
        message = "\n".join([message, "", *problems[:ERRORS_IN_REFUSAL]])
        if len(problems) > ERRORS_IN_REFUSAL:
            message += "\n" + self.env._("... and %(count)s more.", count=len(problems) - ERRORS_IN_REFUSAL)
        raise UserError(message)

    def _reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new"}
