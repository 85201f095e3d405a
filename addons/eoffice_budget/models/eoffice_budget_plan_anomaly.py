"""Anomaly flags on an RKA: lines whose volume or unit price is far above the median of the
same standard item across every SKPD, flagged on submission or by a TAPD verifier."""

from odoo import models

from ..utils import format_number


class EofficeBudgetPlan(models.Model):
    _inherit = "eoffice.budget.plan"

    def _flag_anomalies(self):
        """Flag lines whose volume or unit price is far above the median of the same item in every
        RKA of the fiscal year (all SKPD). Factor: the Pemda's setting (10 by default).

        Two plain queries (the medians per item, then the plans' lines) compared in Python: a single
        query joining the medians back to the lines is at the mercy of the planner's estimates, and
        right after a bulk load it re-ran the medians for every line (minutes at 50,000 lines)."""
        if not self:
            return
        self.env["eoffice.budget.plan.line"].flush_model()
        cr = self.env.cr
        factor = self[:1].company_id.sudo().pemda_id.budget_anomaly_factor or 10.0
        plans = tuple(self.ids)
        cr.execute("""
            SELECT l.item_id,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY l.volume),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY l.unit_price),
                   count(*)
              FROM eoffice_budget_plan_line l
              JOIN eoffice_budget_plan p ON p.id = l.plan_id
             WHERE p.kind = 'rka' AND p.fiscal_year_id IN %s
               AND l.item_id IN (SELECT DISTINCT item_id FROM eoffice_budget_plan_line WHERE plan_id IN %s)
             GROUP BY l.item_id
            HAVING count(*) >= 3
        """, [tuple(self.fiscal_year_id.ids), plans])
        stats = {item_id: (median_volume, median_price, count)
                 for item_id, median_volume, median_price, count in cr.fetchall()}
        cr.execute("SELECT id, item_id, volume, unit_price, anomaly FROM eoffice_budget_plan_line "
                   "WHERE plan_id IN %s", [plans])
        flagged, cleared = {}, []
        for line_id, item_id, volume, price, was_flagged in cr.fetchall():
            median_volume, median_price, count = stats.get(item_id, (None, None, 0))
            if median_volume is not None and volume > median_volume * factor:
                flagged[line_id] = self.env._(
                    "Volume %(volume)s is %(ratio)s× the median %(median)s of this item in %(count)s lines across "
                    "SKPD.", volume=format_number(volume, 2),
                    ratio=format_number(volume / median_volume) if median_volume else "∞",
                    median=format_number(median_volume, 2), count=count)
            elif median_price is not None and price > median_price * factor:
                flagged[line_id] = self.env._(
                    "Unit price %(price)s is %(ratio)s× the median %(median)s of this item in %(count)s lines across "
                    "SKPD.", price=self._fmt(price), ratio=format_number(price / median_price) if median_price
                    else "∞", median=self._fmt(median_price), count=count)
            elif was_flagged:
                cleared.append(line_id)
        # only the lines whose flag changes are written
        if cleared:
            cr.execute("UPDATE eoffice_budget_plan_line SET anomaly = false, anomaly_note = NULL WHERE id IN %s",
                       [tuple(cleared)])
        for line_id, note in flagged.items():
            cr.execute("UPDATE eoffice_budget_plan_line SET anomaly = true, anomaly_note = %s WHERE id = %s",
                       [note, line_id])
        self.env["eoffice.budget.plan.line"].invalidate_model(["anomaly", "anomaly_note"])

    def action_flag_anomalies(self):
        self._check_verifier()
        self._flag_anomalies()
        return True
