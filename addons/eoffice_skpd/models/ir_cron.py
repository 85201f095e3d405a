from odoo import models


class IrCron(models.Model):
    _inherit = "ir.cron"

    def _callback(self, cron_name, server_action_id):
        """Scheduled jobs run in the Pemda's language.

        Odoo runs a job with an empty context, so whatever it stores for users (chatter lines, record
        names, the labels of tracked values) would be English. The job's user (OdooBot) is nobody's
        reader; the Pemda's language (:meth:`res.company._eoffice_pemda_lang`) is what its staff read.
        A job that addresses one person (an inbox message) still switches to that person's language."""
        cron = self
        if not self.env.context.get("lang"):
            cron = self.with_context(lang=self.env["res.company"]._eoffice_pemda_lang())
        return super(IrCron, cron)._callback(cron_name, server_action_id)
