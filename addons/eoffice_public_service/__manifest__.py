{
    "name": "e-Office: Layanan Publik Online",
    "summary": "Citizens file requests online into the SKPD's incoming register and disposition flow, track them "
               "and receive the signed answer; service levels, IKM survey, public budget transparency page",
    "version": "18.0.1.0.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    # eoffice_security: the client address as the login throttle derives it; eoffice_budget: the
    # transparency page's figures; portal: citizens with an account see their requests at /my/layanan
    "depends": ["eoffice_letters", "eoffice_disposition", "eoffice_budget", "eoffice_security", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/eoffice_public_service_security.xml",
        "data/eoffice_public_service_data.xml",
        "data/mail_template_data.xml",
        "views/eoffice_public_templates.xml",
        "views/eoffice_public_portal_templates.xml",
        "views/eoffice_public_service_views.xml",
        "views/eoffice_public_request_views.xml",
        "views/eoffice_public_survey_views.xml",
        "views/eoffice_public_holiday_views.xml",
        "views/eoffice_letter_views.xml",
        "wizard/eoffice_public_request_refuse_views.xml",
        "views/eoffice_public_service_menus.xml",
    ],
    "demo": [
        "demo/eoffice_public_service_demo.xml",
    ],
    "installable": True,
}
