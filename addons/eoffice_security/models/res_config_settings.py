from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    eoffice_require_2fa = fields.Boolean(
        string="Two-Factor Login for Signers and Administrators",
        config_parameter="eoffice_security.require_2fa",
        help="Officials, budget approvers and administrators log in with a second factor: their "
             "authenticator app, or a code sent to their e-mail until they set one up. Changing this "
             "ends their open sessions.")
    eoffice_idle_minutes = fields.Integer(
        string="Idle Session Timeout (minutes)", config_parameter="eoffice_security.idle_minutes",
        help="An official's or administrator's session without activity for this long ends; 0: never.")
