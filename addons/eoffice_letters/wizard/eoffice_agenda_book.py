import io

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.eoffice_letter_pdf import FONTS
from ..utils import format_date_id


class EofficeAgendaBook(models.TransientModel):
    """Buku agenda: the incoming letters an SKPD registered in a period, as PDF or XLSX."""

    _name = "eoffice.agenda.book"
    _description = "Agenda Book"

    company_id = fields.Many2one("res.company", string="SKPD", required=True, default=lambda self: self.env.company)
    date_from = fields.Date(string="From", required=True,
                            default=lambda self: fields.Date.context_today(self).replace(day=1))
    date_to = fields.Date(string="Until", required=True, default=fields.Date.context_today)
    file_format = fields.Selection([("pdf", "PDF"), ("xlsx", "Excel (XLSX)")], string="Format", required=True,
                                   default="pdf")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for book in self:
            if book.date_from > book.date_to:
                raise UserError(_("The period ends before it starts."))

    def _letters(self):
        return self.env["eoffice.letter"].search([
            ("company_id", "=", self.company_id.id), ("direction", "=", "incoming"),
            ("agenda_number", "!=", False), ("received_date", ">=", self.date_from),
            ("received_date", "<=", self.date_to)], order="received_date, agenda_number")

    def _columns(self):
        return [_("Agenda No."), _("Received On"), _("From"), _("Sender's Number"), _("Sender's Date"),
                _("Subject"), _("Security"), _("Urgency"), _("Addressed To")]

    def _row(self, letter):
        sifat = dict(letter._fields["sifat"]._description_selection(self.env))
        urgency = dict(letter._fields["urgency"]._description_selection(self.env))
        return [letter.agenda_number, format_date_id(letter.received_date), letter.sender_name or "",
                letter.sender_number or "", format_date_id(letter.sender_date),
                letter.name if letter.sifat == "biasa" else _("(confidential)"),
                sifat.get(letter.sifat, ""), urgency.get(letter.urgency, ""),
                letter.recipient_position_id.sudo().name or ""]

    def action_print(self):
        self.ensure_one()
        letters = self._letters()
        title = _("Agenda Book %(skpd)s, %(start)s to %(end)s", skpd=self.company_id.name,
                  start=format_date_id(self.date_from), end=format_date_id(self.date_to))
        rows = [self._row(letter) for letter in letters]
        document = self.env["eoffice.document"]
        if self.file_format == "xlsx":
            data, name, mimetype = self._xlsx(title, rows), "buku-agenda.xlsx", \
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            data = document._render_pdf("eoffice_letters.agenda_book_document", {
                "title": title, "columns": self._columns(), "rows": rows, "company": self.company_id,
                "font": Markup(FONTS["arial"])}, landscape=True)
            name, mimetype = "buku-agenda.pdf", "application/pdf"
        return document._download_action(document._attach(self, data, name, mimetype=mimetype))

    def _xlsx(self, title, rows):
        import xlsxwriter

        out = io.BytesIO()
        workbook = xlsxwriter.Workbook(out, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Agenda Book")[:31])
        bold = workbook.add_format({"bold": True})
        head = workbook.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1, "text_wrap": True})
        sheet.write(0, 0, title, bold)
        for col, label in enumerate(self._columns()):
            sheet.write(2, col, label, head)
        for index, row in enumerate(rows, start=3):
            for col, value in enumerate(row):
                sheet.write(index, col, value)
        sheet.set_column(0, 1, 14)
        sheet.set_column(2, 2, 32)
        sheet.set_column(3, 4, 20)
        sheet.set_column(5, 5, 48)
        sheet.set_column(6, 8, 18)
        workbook.close()
        return out.getvalue()
