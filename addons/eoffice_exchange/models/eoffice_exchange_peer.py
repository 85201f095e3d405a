import json
import logging

import requests

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import envelope

_logger = logging.getLogger(__name__)


class EofficeExchangePeer(models.Model):
    """Another organisation that exchanges letters with us: its address, its CA and the addresses it
    publishes. Trusted only when the Pemda administrator confirms the CA's fingerprint (read out to
    them by the peer's administrator), never automatically."""

    _name = "eoffice.exchange.peer"
    _description = "Exchange Peer"
    _order = "name"
    _inherit = ["eoffice.workflow.mixin", "mail.thread"]
    _workflow_initial_states = ("new",)
    _workflow_unlink_states = ("new",)
    _workflow_transitions = (("new", "trusted"), ("trusted", "suspended"), ("suspended", "trusted"))

    name = fields.Char(string="Organisation", required=True, workflow="free", tracking=True)
    code = fields.Char(string="Organisation Code", required=True, workflow=("new",), tracking=True,
                       help="The organisation code the peer signs its envelopes with, e.g. pemprov-kaltim.")
    url = fields.Char(string="Exchange Address", required=True, workflow="free", tracking=True,
                      help="The base address of the peer's server, e.g. https://eoffice.kaltimprov.go.id")
    certificate_pem = fields.Text(string="CA Certificate (PEM)", workflow=("new", "suspended"),
                                  help="The certificate of the peer's certificate authority, which issues the "
                                       "certificate its envelopes are signed with.")
    fingerprint = fields.Char(string="Fingerprint (SHA-256)", compute="_compute_fingerprint", store=True)
    state = fields.Selection([("new", "Not yet trusted"), ("trusted", "Trusted"), ("suspended", "Suspended")],
                             string="Status", default="new", required=True, readonly=True, tracking=True,
                             workflow="owned")
    trusted_by_id = fields.Many2one("res.users", string="Trusted By", readonly=True, workflow="owned")
    trusted_date = fields.Datetime(string="Trusted On", readonly=True, workflow="owned")
    address_ids = fields.One2many("eoffice.exchange.address", "peer_id", string="Published Addresses",
                                  workflow="free")
    active = fields.Boolean(default=True, workflow="free")

    _sql_constraints = [("code_unique", "unique(code)", "Another peer already has this organisation code.")]

    @api.depends("certificate_pem")
    def _compute_fingerprint(self):
        for peer in self:
            try:
                peer.fingerprint = peer.certificate_pem and envelope.fingerprint(peer.certificate_pem)
            except ValueError:
                peer.fingerprint = False

    @api.constrains("certificate_pem")
    def _check_certificate(self):
        for peer in self:
            if peer.certificate_pem and not peer.fingerprint:
                raise ValidationError(_("The certificate of %(peer)s is not a PEM certificate.", peer=peer.name))

    @api.constrains("code")
    def _check_code(self):
        own = self.env["eoffice.exchange.address"]._organisation_code()
        for peer in self:
            if peer.code == own:
                raise ValidationError(_("%(code)s is this Pemda's own organisation code.", code=peer.code))

    def _check_admin(self):
        if not self.env.user.has_group("eoffice_skpd.group_pemda_admin"):
            raise AccessError(_("Only the Pemda administrator manages the exchange peers."))

    def _trust(self, typed_fingerprint):
        """Trust the peer's CA once the administrator has typed the fingerprint they were given."""
        self._check_admin()
        self.ensure_one()
        if self.state == "trusted":
            raise UserError(_("%(peer)s is already trusted.", peer=self.name))
        if not self.fingerprint:
            raise UserError(_("Enter the peer's CA certificate first."))
        normalise = lambda text: "".join(ch for ch in (text or "").upper() if ch in "0123456789ABCDEF")  # noqa: E731
        if normalise(typed_fingerprint) != normalise(self.fingerprint):
            raise UserError(_("The fingerprint you typed differs from the certificate's: the peer is not trusted. "
                              "Check the certificate with the peer's administrator by telephone."))
        self._workflow_write({"state": "trusted", "trusted_by_id": self.env.uid,
                              "trusted_date": fields.Datetime.now()})
        self._log(_("Trusted: the fingerprint %(fingerprint)s was confirmed.", fingerprint=self.fingerprint))
        return True

    def action_suspend(self):
        self._check_admin()
        for peer in self.filtered(lambda p: p.state == "trusted"):
            peer._workflow_write({"state": "suspended"})
            peer._log(_("Suspended: its envelopes are refused and none are sent to it."))
        return True

    def action_open_trust(self):
        self._check_admin()
        return {"type": "ir.actions.act_window", "res_model": "eoffice.exchange.trust", "view_mode": "form",
                "target": "new", "context": {"default_peer_id": self.id}}

    # ------------------------------------------------------------------ the peer's directory
    def _get(self, path, timeout=20):
        response = requests.get(f"{self.url.rstrip('/')}{path}", timeout=timeout)
        response.raise_for_status()
        return response.content

    def action_fetch_certificate(self):
        """Fill in the CA certificate the peer publishes: still to be confirmed by its fingerprint."""
        self._check_admin()
        for peer in self:
            if peer.state == "trusted":
                raise UserError(_("%(peer)s is trusted: suspend it before taking another certificate.",
                                  peer=peer.name))
            try:
                published = json.loads(peer._get("/eoffice/exchange/directory"))
                ca = published["ca_certificates"][-1]
            except (requests.RequestException, ValueError, KeyError, IndexError, TypeError) as error:
                raise UserError(_("The peer's directory could not be read: %(error)s", error=error)) from None
            peer.sudo().write({"certificate_pem": ca})
            peer._log(_("CA certificate taken from %(url)s; fingerprint %(fingerprint)s still to be confirmed.",
                        url=peer.url, fingerprint=peer.fingerprint))
        return True

    def action_fetch_addresses(self):
        """Replace the peer's published addresses by those of its signed directory."""
        self._check_admin()
        Address = self.env["eoffice.exchange.address"].sudo()
        for peer in self:
            if peer.state != "trusted":
                raise UserError(_("Trust %(peer)s before reading its addresses.", peer=peer.name))
            try:
                raw = json.loads(peer._get("/eoffice/exchange/directory"))["signed"].encode()
            except (requests.RequestException, ValueError, KeyError, AttributeError) as error:
                raise UserError(_("The peer's directory could not be read: %(error)s", error=error)) from None
            try:
                opened = envelope.unseal(raw, self.env["eoffice.exchange.message"]._trusted_cas,
                                         *self.env["eoffice.exchange.message"]._limits(),
                                         expect=(envelope.DIRECTORY,))
            except envelope.EnvelopeError as error:
                raise UserError(_("The peer's directory did not verify: %(code)s %(detail)s",
                                  code=error.code, detail=error.detail)) from None
            if opened.sender != peer.code:
                raise UserError(_("The directory is signed by %(code)s, not by %(peer)s.",
                                  code=opened.sender, peer=peer.code))
            published = {entry["code"]: entry for entry in opened.payload.get("addresses", [])}
            for address in peer.with_context(active_test=False).address_ids:
                entry = published.pop(address.code, None)
                if entry:
                    address.write({"name": entry["name"], "kind": entry["kind"], "active": True})
                else:
                    address.active = False
            for entry in published.values():
                Address.create({"peer_id": peer.id, "code": entry["code"], "name": entry["name"],
                                "kind": entry["kind"]})
            peer._log(_("Addresses read from the peer's signed directory: %(count)s.",
                        count=len(opened.payload.get("addresses", []))))
        return True


class EofficeExchangeAddress(models.Model):
    """An address letters travel to: one of a peer's (code and name as it publishes them), or one of
    ours, published to peers and resolved to a seat here."""

    _name = "eoffice.exchange.address"
    _description = "Exchange Address"
    _order = "peer_id, name"
    _rec_names_search = ["name", "code", "peer_id"]

    peer_id = fields.Many2one("eoffice.exchange.peer", string="Peer", index=True, ondelete="cascade",
                              help="Empty for the addresses this Pemda publishes.")
    code = fields.Char(string="Address Code", required=True)
    name = fields.Char(string="Name", required=True)
    kind = fields.Selection([("seat", "Named seat"), ("skpd", "Organisation (its secretariat registers)")],
                            string="Kind", required=True, default="seat",
                            help="A Rahasia letter travels only to a named seat.")
    position_id = fields.Many2one("eoffice.position", string="Seat", index=True,
                                  help="Our seat that receives the letters sent to this address.")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(peer_id, code)", "This address code is already used.")]

    @api.constrains("peer_id", "position_id")
    def _check_own(self):
        for address in self:
            if not address.peer_id and not address.position_id:
                raise ValidationError(_("An address this Pemda publishes names the seat that receives it."))

    @api.depends("name", "peer_id.name")
    def _compute_display_name(self):
        for address in self:
            address.display_name = f"{address.name} — {address.peer_id.name}" if address.peer_id else address.name

    @api.model
    def _organisation_code(self):
        return self.env["ir.config_parameter"].sudo().get_param("eoffice_exchange.organisation_code") or ""
