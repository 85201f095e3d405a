{
    "name": "e-Office: Keamanan",
    "summary": "Two-factor login required for signers and administrators, password policy, login throttling "
               "shared by every worker, idle officials' sessions expire",
    "version": "18.0.1.0.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    # Odoo's own apps: auth_totp (authenticator apps), auth_totp_mail_enforce (a code by e-mail
    # until the app is set up), auth_password_policy (minimum length, strength meter)
    "depends": ["eoffice_skpd", "bus", "auth_totp_mail_enforce", "auth_password_policy"],
    "data": [
        "security/ir.model.access.csv",
        "data/eoffice_security_data.xml",
        "views/res_config_settings_views.xml",
        "views/eoffice_login_attempt_views.xml",
    ],
    "demo": [
        "demo/eoffice_security_demo.xml",
    ],
    "installable": True,
}
