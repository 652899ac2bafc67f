from bot.handoff.sender import main

main()
