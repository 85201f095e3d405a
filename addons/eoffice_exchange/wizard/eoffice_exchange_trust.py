from odoo import fields, models


class EofficeExchangeTrust(models.TransientModel):
    """Confirm a peer's CA: the administrator types the fingerprint the peer's administrator read out."""

    _name = "eoffice.exchange.trust"
    _description = "Trust an Exchange Peer"

    peer_id = fields.Many2one("eoffice.exchange.peer", string="Peer", required=True, ondelete="cascade")
    fingerprint = fields.Char(related="peer_id.fingerprint", string="Certificate Fingerprint")
    typed_fingerprint = fields.Char(string="Fingerprint Given by the Peer", required=True,
                                    help="As the peer's administrator read it to you (by telephone or in a "
                                         "signed letter): never copied from this screen.")

    def action_confirm(self):
        self.peer_id._trust(self.typed_fingerprint)
        return {"type": "ir.actions.act_window_close"}
