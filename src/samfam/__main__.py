from samfam.cli import main

main()
