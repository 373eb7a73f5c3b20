import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.core.scheduling import enqueue_due_jobs


class Command(BaseCommand):
    help = "Enqueue periodic jobs when they are due (runs until stopped; --once for a single pass, e.g. from cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between passes.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            names = enqueue_due_jobs()
            if names:
                self.stdout.write(f"enqueued: {', '.join(names)}")
            if options["once"]:
                return
            time.sleep(options["interval"])
