"""gkml: 公开目录, the government information-disclosure catalogue generator."""
