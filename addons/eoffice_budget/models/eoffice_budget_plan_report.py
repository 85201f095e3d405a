"""The RKA/DPA-SKPD document of a plan, as PDF and as XLSX."""

import base64
import io
from collections import defaultdict

from odoo import models

from ..utils import format_number


class EofficeBudgetPlan(models.Model):
    _inherit = "eoffice.budget.plan"

    def _report_lang(self):
        return "id_ID" if self.env["res.lang"]._get_data(code="id_ID") else self.env.lang

    def _account_groups(self, lines):
        """[(rekening code, name, subtotal, lines)] grouped by the line's account, in code order."""
        groups = defaultdict(list)
        for line in lines:
            groups[line.account_id].append(line)
        return [(account.code, account.name, sum(line.amount for line in group), group)
                for account, group in sorted(groups.items(), key=lambda pair: pair[0].code)]

    def _summary_rows(self):
        """Totals by program, kegiatan and sub kegiatan, in code order: [(level, code, name, total)]."""
        totals = defaultdict(float)
        names = {}
        for activity in self.sub_kegiatan_ids:
            for level, code in (("program", activity.program_id), ("kegiatan", activity.kegiatan_id),
                                ("sub_kegiatan", activity.sub_kegiatan_id)):
                totals[(level, code.code)] += activity.total
                names[(level, code.code)] = code.name
        order = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}
        return [(level, code, names[(level, code)], total)
                for (level, code), total in sorted(totals.items(), key=lambda pair: (pair[0][1], order[pair[0][0]]))]

    def _render_values(self):
        self.ensure_one()
        plan = self.sudo().with_context(lang=self._report_lang())
        return {
            "o": plan,
            "pemda": plan.company_id.pemda_id,
            "activities": [(activity, plan._account_groups(activity.line_ids)) for activity in plan.sub_kegiatan_ids],
            "summary": plan._summary_rows(),
            "fmt": format_number,
            "qty": lambda value: format_number(value, 2),
        }

    def _render_pdf(self):
        # the page label too is in the report's language
        lang = self._report_lang()
        return self.env["eoffice.document"].with_context(lang=lang)._render_pdf(
            "eoffice_budget.plan_document", self._render_values(), lang=lang, landscape=True,
            margins=("12mm", "12mm", "16mm", "12mm"))

    def _render_pdf_file(self):
        """Store the document's PDF on the plan (a DPA keeps the one made at approval)."""
        for plan in self:
            pdf = plan._render_pdf()
            name = f"{plan.name}.pdf".replace("/", "-")
            plan.sudo().write({"pdf_file": base64.b64encode(pdf), "pdf_filename": name})

    def _download(self, data, name, mimetype):
        document = self.env["eoffice.document"]
        return document._download_action(document.sudo()._attach(self, data, name, mimetype=mimetype))

    def action_print_pdf(self):
        """Download the document: the stored PDF of a DPA, a fresh one of an RKA."""
        self.ensure_one()
        self.check_access("read")
        if self.pdf_file:
            return self._download(base64.b64decode(self.pdf_file), self.pdf_filename, "application/pdf")
        return self._download(self._render_pdf(), f"{self.name}.pdf", "application/pdf")

    def _render_xlsx(self):
        import xlsxwriter

        self.ensure_one()
        plan = self.with_context(lang=self._report_lang())
        _ = plan.env._
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {"in_memory": True})
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0"})
        qty = book.add_format({"num_format": "#,##0.##"})
        sheet = book.add_worksheet(_("Detail Lines"))
        sheet.write(0, 0, plan.name, bold)
        header = [_("Sub Kegiatan"), _("Account"), _("Standard Item"), _("Description"), _("Volume Detail"),
                  _("Volume"), _("Unit"), _("Unit Price"), _("Tax %"), _("Amount"), _("Funding Source")]
        sheet.write_row(2, 0, header, bold)
        row = 3
        for activity in plan.sub_kegiatan_ids:
            for line in activity.line_ids:
                sheet.write_row(row, 0, [activity.sub_kegiatan_id.code, line.account_id.code, line.item_id.code,
                                         line.description or line.item_id.name, line.volume_label])
                sheet.write_number(row, 5, line.volume, qty)
                sheet.write(row, 6, line.uom1 or line.item_id.uom)
                sheet.write_number(row, 7, line.unit_price, money)
                sheet.write_number(row, 8, line.tax_percent)
                sheet.write_number(row, 9, line.amount, money)
                sheet.write(row, 10, activity.funding_source_id.name or "")
                row += 1
        sheet.write(row, 0, _("Total"), bold)
        sheet.write_number(row, 9, plan.total, money)
        sheet.set_column(0, 1, 22)
        sheet.set_column(2, 4, 30)
        sheet.set_column(5, 10, 14)
        summary = book.add_worksheet(_("Summary"))
        summary.write_row(0, 0, [_("Level"), _("Code"), _("Name"), _("Total")], bold)
        levels = dict(self.env["eoffice.budget.code"]._fields["level"]._description_selection(plan.env))
        for index, (level, code, name, total) in enumerate(plan._summary_rows(), start=1):
            summary.write_row(index, 0, [levels[level], code, name])
            summary.write_number(index, 3, total, money)
        summary.set_column(0, 1, 22)
        summary.set_column(2, 2, 60)
        summary.set_column(3, 3, 18)
        book.close()
        return out.getvalue()

    def action_export_xlsx(self):
        self.ensure_one()
        self.check_access("read")
        return self._download(self._render_xlsx(), f"{self.name}.xlsx".replace("/", "-"),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
