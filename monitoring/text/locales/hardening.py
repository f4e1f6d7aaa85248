"""Text of the start-up safety checks (`monitoring.config.hardening`) and of unexpected errors."""

MESSAGES: dict[str, str] = {
    "hardening.refused": (
        "L'application refuse de démarrer : sa configuration n'est pas sûre. La personne "
        "qui l'administre doit corriger ce qui suit, puis la redémarrer."
    ),
    "hardening.xsrf_off": (
        "la protection XSRF est désactivée : mettez server.enableXsrfProtection = true dans "
        ".streamlit/config.toml (derrière un proxy, corrigez plutôt le proxy)."
    ),
    "hardening.cors_off": (
        "la protection CORS est désactivée : mettez server.enableCORS = true dans "
        ".streamlit/config.toml."
    ),
    "hardening.upload_missing": (
        "server.maxUploadSize n'est pas défini : mettez-le à {limit} (Mo) au plus dans "
        ".streamlit/config.toml."
    ),
    "hardening.upload_too_large": (
        "server.maxUploadSize vaut {size} Mo, plus que les {limit} Mo que l'application "
        "accepte (PLAN_MONITORING_MAX_FILE_MB) : mettez-le à {limit} au plus."
    ),
    "hardening.error_details": (
        "client.showErrorDetails vaut « {value} » : les erreurs montreraient leur détail "
        'dans le navigateur. Mettez client.showErrorDetails = "none".'
    ),
    "hardening.local_address_unset": (
        "mode local (sans connexion) mais server.address n'est pas défini : le serveur "
        'écouterait sur tout le réseau. Mettez server.address = "127.0.0.1", ou passez en '
        "mode partagé (PLAN_MONITORING_MODE=shared) avec une section [auth]."
    ),
    "hardening.local_address": (
        "mode local (sans connexion) mais le serveur écoute sur « {address} », pas "
        'seulement sur cet ordinateur. Mettez server.address = "127.0.0.1", ou passez en '
        "mode partagé (PLAN_MONITORING_MODE=shared) avec une section [auth]."
    ),
    "hardening.auth_missing": (
        "mode partagé mais aucune section [auth] dans .streamlit/secrets.toml : copiez "
        ".streamlit/secrets.example.toml et remplissez-le pour votre fournisseur d'identité."
    ),
    "hardening.auth_key_missing": (
        "la section [auth] de .streamlit/secrets.toml n'a pas de valeur « {key} » : "
        "ajoutez-la (voir .streamlit/secrets.example.toml)."
    ),
    "hardening.auth_provider_missing": (
        "la section [auth] ne nomme aucun fournisseur d'identité : ajoutez client_id, "
        "client_secret et server_metadata_url (voir .streamlit/secrets.example.toml)."
    ),
    "hardening.auth_provider_incomplete": (
        "le fournisseur d'identité « {provider} » de la section [auth] n'a pas : {keys}. "
        "Ajoutez ces valeurs."
    ),
    "hardening.auth_provider_name": (
        "le nom de fournisseur « {provider} » contient un « _ », que Streamlit refuse : "
        "renommez la section [auth.{provider}] sans « _ »."
    ),
    "hardening.cookie_secret_short": (
        "cookie_secret ne fait que {length} caractères : il en faut au moins {minimum}. "
        'Générez-en un avec python -c "import secrets; print(secrets.token_hex(32))" et '
        "mettez le même sur chaque serveur."
    ),
    "hardening.cookie_secret_placeholder": (
        "cookie_secret est encore la valeur d'exemple de .streamlit/secrets.example.toml : "
        'remplacez-la par python -c "import secrets; print(secrets.token_hex(32))".'
    ),
    "hardening.redirect_uri_https": (
        "redirect_uri doit commencer par https:// (seule une adresse de cet ordinateur, "
        "localhost ou 127.0.0.1, peut rester en http://)."
    ),
    "hardening.redirect_uri_path": (
        "redirect_uri doit finir par /oauth2callback, l'adresse où Streamlit reçoit la "
        "réponse du fournisseur d'identité."
    ),
    "hardening.secrets_unreadable": (
        "le fichier .streamlit/secrets.toml existe mais ne peut pas être lu (TOML invalide ?) "
        ": corrigez-le."
    ),
    "hardening.xml_unprotected": (
        "openpyxl ne lit pas les classeurs au travers de defusedxml : un classeur piégé "
        "pourrait épuiser la mémoire ou lire des fichiers du serveur. Installez defusedxml "
        "et retirez la variable OPENPYXL_DEFUSEDXML de l'environnement (ou mettez-la à True)."
    ),
    "errors.internal": (
        "Une erreur inattendue s'est produite. Référence : {ref}. Donnez ce numéro à la "
        "personne qui administre l'application."
    ),
}
