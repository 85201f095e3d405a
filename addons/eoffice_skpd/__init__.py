from . import controllers, models, wizard
from .hooks import ensure_indonesian


def _pre_init_hook(env):
    ensure_indonesian(env)
