"""Translation catalogues, one module per part of the app: `key: (French, English)`."""
