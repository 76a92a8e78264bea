from gensafe.cli import main

main()
