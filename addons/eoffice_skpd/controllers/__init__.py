from . import rpc_lang
