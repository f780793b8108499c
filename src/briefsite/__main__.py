from briefsite.cli import main

main()
