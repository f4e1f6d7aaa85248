"""Text of the start-up safety checks (`monitoring.config.hardening`) and of unexpected errors."""

MESSAGES: dict[str, tuple[str, str]] = {
    "hardening.refused": (
        "L'application refuse de démarrer : sa configuration n'est pas sûre. La personne "
        "qui l'administre doit corriger ce qui suit, puis la redémarrer.",
        "The app refuses to start: its configuration is not safe. Whoever runs it must fix "
        "the following, then restart it.",
    ),
    "hardening.xsrf_off": (
        "la protection XSRF est désactivée : mettez server.enableXsrfProtection = true dans "
        ".streamlit/config.toml (derrière un proxy, corrigez plutôt le proxy).",
        "XSRF protection is off: set server.enableXsrfProtection = true in "
        ".streamlit/config.toml (behind a proxy, fix the proxy instead).",
    ),
    "hardening.cors_off": (
        "la protection CORS est désactivée : mettez server.enableCORS = true dans "
        ".streamlit/config.toml.",
        "CORS protection is off: set server.enableCORS = true in .streamlit/config.toml.",
    ),
    "hardening.upload_missing": (
        "server.maxUploadSize n'est pas défini : mettez-le à {limit} (Mo) au plus dans "
        ".streamlit/config.toml.",
        "server.maxUploadSize is not set: set it to {limit} (MB) at most in "
        ".streamlit/config.toml.",
    ),
    "hardening.upload_too_large": (
        "server.maxUploadSize vaut {size} Mo, plus que les {limit} Mo que l'application "
        "accepte (PLAN_MONITORING_MAX_FILE_MB) : mettez-le à {limit} au plus.",
        "server.maxUploadSize is {size} MB, more than the {limit} MB the app accepts "
        "(PLAN_MONITORING_MAX_FILE_MB): set it to {limit} at most.",
    ),
    "hardening.error_details": (
        "client.showErrorDetails vaut « {value} » : les erreurs montreraient leur détail "
        'dans le navigateur. Mettez client.showErrorDetails = "none".',
        'client.showErrorDetails is "{value}": errors would show their details in the '
        'browser. Set client.showErrorDetails = "none".',
    ),
    "hardening.local_address_unset": (
        "mode local (sans connexion) mais server.address n'est pas défini : le serveur "
        'écouterait sur tout le réseau. Mettez server.address = "127.0.0.1", ou passez en '
        "mode partagé (PLAN_MONITORING_MODE=shared) avec une section [auth].",
        "local mode (no sign-in) but server.address is not set: the server would listen on "
        'the whole network. Set server.address = "127.0.0.1", or use shared mode '
        "(PLAN_MONITORING_MODE=shared) with an [auth] section.",
    ),
    "hardening.local_address": (
        "mode local (sans connexion) mais le serveur écoute sur « {address} », pas "
        'seulement sur cet ordinateur. Mettez server.address = "127.0.0.1", ou passez en '
        "mode partagé (PLAN_MONITORING_MODE=shared) avec une section [auth].",
        'local mode (no sign-in) but the server listens on "{address}", not only on this '
        'computer. Set server.address = "127.0.0.1", or use shared mode '
        "(PLAN_MONITORING_MODE=shared) with an [auth] section.",
    ),
    "hardening.auth_missing": (
        "mode partagé mais aucune section [auth] dans .streamlit/secrets.toml : copiez "
        ".streamlit/secrets.example.toml et remplissez-le pour votre fournisseur d'identité.",
        "shared mode but no [auth] section in .streamlit/secrets.toml: copy "
        ".streamlit/secrets.example.toml and fill it in for your identity provider.",
    ),
    "hardening.auth_key_missing": (
        "la section [auth] de .streamlit/secrets.toml n'a pas de valeur « {key} » : "
        "ajoutez-la (voir .streamlit/secrets.example.toml).",
        'the [auth] section of .streamlit/secrets.toml has no "{key}" value: add it (see '
        ".streamlit/secrets.example.toml).",
    ),
    "hardening.auth_provider_missing": (
        "la section [auth] ne nomme aucun fournisseur d'identité : ajoutez client_id, "
        "client_secret et server_metadata_url (voir .streamlit/secrets.example.toml).",
        "the [auth] section names no identity provider: add client_id, client_secret and "
        "server_metadata_url (see .streamlit/secrets.example.toml).",
    ),
    "hardening.auth_provider_incomplete": (
        "le fournisseur d'identité « {provider} » de la section [auth] n'a pas : {keys}. "
        "Ajoutez ces valeurs.",
        'identity provider "{provider}" of the [auth] section lacks: {keys}. Add them.',
    ),
    "hardening.auth_provider_name": (
        "le nom de fournisseur « {provider} » contient un « _ », que Streamlit refuse : "
        "renommez la section [auth.{provider}] sans « _ ».",
        'provider name "{provider}" contains a "_", which Streamlit refuses: rename the '
        '[auth.{provider}] section without "_".',
    ),
    "hardening.cookie_secret_short": (
        "cookie_secret ne fait que {length} caractères : il en faut au moins {minimum}. "
        'Générez-en un avec python -c "import secrets; print(secrets.token_hex(32))" et '
        "mettez le même sur chaque serveur.",
        "cookie_secret is only {length} characters long: it needs at least {minimum}. "
        'Generate one with python -c "import secrets; print(secrets.token_hex(32))" and use '
        "the same on every server.",
    ),
    "hardening.cookie_secret_placeholder": (
        "cookie_secret est encore la valeur d'exemple de .streamlit/secrets.example.toml : "
        'remplacez-la par python -c "import secrets; print(secrets.token_hex(32))".',
        "cookie_secret is still the example value of .streamlit/secrets.example.toml: "
        'replace it with python -c "import secrets; print(secrets.token_hex(32))".',
    ),
    "hardening.redirect_uri_https": (
        "redirect_uri doit commencer par https:// (seule une adresse de cet ordinateur, "
        "localhost ou 127.0.0.1, peut rester en http://).",
        "redirect_uri must start with https:// (only an address of this computer, "
        "localhost or 127.0.0.1, may stay http://).",
    ),
    "hardening.redirect_uri_path": (
        "redirect_uri doit finir par /oauth2callback, l'adresse où Streamlit reçoit la "
        "réponse du fournisseur d'identité.",
        "redirect_uri must end with /oauth2callback, where Streamlit receives the identity "
        "provider's answer.",
    ),
    "hardening.secrets_unreadable": (
        "le fichier .streamlit/secrets.toml existe mais ne peut pas être lu (TOML invalide ?) "
        ": corrigez-le.",
        "the .streamlit/secrets.toml file exists but cannot be read (invalid TOML?): fix it.",
    ),
    "hardening.xml_unprotected": (
        "openpyxl ne lit pas les classeurs au travers de defusedxml : un classeur piégé "
        "pourrait épuiser la mémoire ou lire des fichiers du serveur. Installez defusedxml "
        "et retirez la variable OPENPYXL_DEFUSEDXML de l'environnement (ou mettez-la à True).",
        "openpyxl does not read workbooks through defusedxml: a booby-trapped workbook could "
        "exhaust memory or read the server's files. Install defusedxml and remove the "
        "OPENPYXL_DEFUSEDXML environment variable (or set it to True).",
    ),
    "errors.internal": (
        "Une erreur inattendue s'est produite. Référence : {ref}. Donnez ce numéro à la "
        "personne qui administre l'application.",
        "An unexpected error occurred. Reference: {ref}. Give this number to whoever runs the app.",
    ),
}
