print("chiso")
