from . import (
    eoffice_login_attempt,
    ir_http,
    res_config_settings,
    res_users,
)
